package dev.staticnet.kernel;

import dev.staticnet.Activation;

/**
 * Elman RNN, PyTorch {@code nn.RNN(in, hidden, nonlinearity, batch_first=True)}, one layer:
 * {@code h_t = act(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh)}, {@code h_{−1} = 0}, act = TANH or RELU.
 *
 * <p>Parameters (PyTorch names and layouts, addressed by offsets into {@code params}/{@code dparams}):
 * {@code weight_ih_l0 (hidden, in)} at {@code wIhOff}, {@code weight_hh_l0 (hidden, hidden)} at
 * {@code wHhOff}, {@code bias_ih_l0 (hidden)} at {@code bIhOff}, {@code bias_hh_l0 (hidden)} at
 * {@code bHhOff} (a bias offset &lt; 0 means no such bias).
 *
 * <p>Input {@code x (batch, steps, in)}; output {@code y (batch, steps, hidden)} when
 * {@code returnSequences}, else {@code y (batch, hidden)} = the last state. The caller allocates
 * {@code cache} with {@link #cacheSize} floats and keeps it from forward to backward; the forward pass
 * stores every state and a transposed copy of {@code weight_hh_l0} there, the backward pass also
 * uses it as scratch. The size is affine in batch ({@code cacheSize(0, steps, hidden)} floats do
 * not depend on it). The input projection of all steps is one GEMM of {@code batch·steps} rows;
 * each step adds its recurrent projection with one GEMM.
 *
 * <pre>
 * float[] cache = new float[RnnKernel.cacheSize(batch, steps, hidden)];
 * RnnKernel.forward(Activation.TANH, y, cache, x, params, wIhOff, wHhOff, bIhOff, bHhOff,
 *                   batch, steps, in, hidden, returnSequences);
 * RnnKernel.backward(Activation.TANH, dx, dparams, dy, x, cache, params, wIhOff, wHhOff, bIhOff, bHhOff,
 *                    batch, steps, in, hidden, returnSequences);   // dx (may be null), dparams +=
 * </pre>
 */
public final class RnnKernel {
  private RnnKernel() {}

  /**
   * Floats of {@code cache}: states h (batch, steps, hidden), their gradients, one (batch, hidden)
   * block, weight_hh_l0ᵀ (hidden, hidden) — {@code batch·(2·steps + 1)·hidden + hidden²}.
   */
  public static int cacheSize(int batch, int steps, int hidden) {
    return Math.toIntExact((2L * steps + 1) * batch * hidden + (long) hidden * hidden);
  }

  /**
   * Runs the recurrence over all steps.
   *
   * @param act TANH or RELU
   * @param y (batch, steps, hidden) if returnSequences, else (batch, hidden); not {@code x}
   * @param cache {@link #cacheSize} floats, written here, read by {@link #backward}
   * @param x (batch, steps, in)
   */
  public static void forward(Activation act, float[] y, float[] cache, float[] x, float[] params,
                             int wIhOff, int wHhOff, int bIhOff, int bHhOff,
                             int batch, int steps, int in, int hidden, boolean returnSequences) {
    SeqMath.checkNotAliased("RnnKernel", y, x);
    checkActivation(act);
    SeqMath.checkCache("RnnKernel", cache, cacheSize(batch, steps, hidden), batch, steps, hidden);
    int rows = batch * steps;
    int th = steps * hidden; // stride between samples in h (batch, steps, hidden)
    // h ← x·W_ihᵀ + b_ih + b_hh for every (b, t) at once
    Gemm.gemm(false, true, rows, hidden, in, x, 0, in, params, wIhOff, in, 0f, cache, 0, hidden);
    SeqMath.addBias(cache, 0, rows, hidden, hidden, params, bIhOff);
    SeqMath.addBias(cache, 0, rows, hidden, hidden, params, bHhOff);
    int wHhT = (2 * steps + 1) * batch * hidden; // (H, H) weight_hh_l0ᵀ after the batch-sized regions
    SeqMath.transpose(cache, wHhT, params, wHhOff, hidden, hidden);
    boolean relu = act == Activation.RELU;
    for (int t = 0; t < steps; t++) {
      if (t > 0) { // h[:, t] += h[:, t−1]·W_hhᵀ, rows strided by steps·hidden
        Gemm.gemm(false, false, batch, hidden, hidden, cache, (t - 1) * hidden, th, cache, wHhT, hidden,
            1f, cache, t * hidden, th);
      }
      for (int b = 0; b < batch; b++) {
        int o = b * th + t * hidden;
        int j0 = !relu && Gemm.SIMD ? SeqVector.tanh(cache, o, hidden) : 0;
        for (int j = o + j0; j < o + hidden; j++) {
          float z = cache[j];
          cache[j] = relu ? Math.max(z, 0f) : SeqMath.tanh(z);
        }
      }
    }
    copyOutput(y, cache, 0, batch, steps, hidden, returnSequences);
  }

  /**
   * Backpropagation through time. Adds into {@code dx} (skipped when null) and into the four
   * parameter gradients in {@code dparams} (skipped when null).
   *
   * @param dy (batch, steps, hidden) if returnSequences, else (batch, hidden)
   * @param x the forward input (batch, steps, in)
   * @param cache the cache the forward pass filled
   */
  public static void backward(Activation act, float[] dx, float[] dparams, float[] dy, float[] x, float[] cache,
                              float[] params, int wIhOff, int wHhOff, int bIhOff, int bHhOff,
                              int batch, int steps, int in, int hidden, boolean returnSequences) {
    checkActivation(act);
    SeqMath.checkCache("RnnKernel", cache, cacheSize(batch, steps, hidden), batch, steps, hidden);
    int rows = batch * steps;
    int th = steps * hidden;
    int dzOff = rows * hidden;       // dz (batch, steps, hidden): gradient of the pre-activation
    int dhOff = 2 * rows * hidden;   // dh (batch, hidden): gradient flowing into h_t from step t+1
    java.util.Arrays.fill(cache, dhOff, dhOff + batch * hidden, 0f);
    boolean relu = act == Activation.RELU;
    for (int t = steps - 1; t >= 0; t--) {
      for (int b = 0; b < batch; b++) {
        int o = b * th + t * hidden;
        int yo = returnSequences ? o : (t == steps - 1 ? b * hidden : -1);
        int dh = dhOff + b * hidden;
        for (int j = 0; j < hidden; j++) {
          float g = cache[dh + j] + (yo >= 0 ? dy[yo + j] : 0f);
          float h = cache[o + j];
          // relu' = [h > 0], tanh' = 1 − h²
          cache[dzOff + o + j] = relu ? (h > 0f ? g : 0f) : g * (1f - h * h);
        }
      }
      if (t > 0) { // dh_{t−1} = dz_t·W_hh
        Gemm.gemm(false, false, batch, hidden, hidden, cache, dzOff + t * hidden, th, params, wHhOff, hidden,
            0f, cache, dhOff, hidden);
      }
    }
    RnnGradients.input(dx, dparams, cache, dzOff, x, params, wIhOff, bIhOff, rows, in, hidden);
    RnnGradients.recurrent(dparams, cache, dzOff, cache, 0, wHhOff, bHhOff, batch, steps, hidden, hidden);
  }

  /** Copies all states, or each sample's last one, from h (batch, steps, hidden) at {@code h[hOff]}. */
  static void copyOutput(float[] y, float[] h, int hOff, int batch, int steps, int hidden, boolean returnSequences) {
    if (returnSequences) {
      System.arraycopy(h, hOff, y, 0, batch * steps * hidden);
    } else {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(h, hOff + (b * steps + steps - 1) * hidden, y, b * hidden, hidden);
      }
    }
  }

  private static void checkActivation(Activation act) {
    if (act != Activation.TANH && act != Activation.RELU) {
      throw new IllegalArgumentException("RnnKernel: nonlinearity must be TANH or RELU (as PyTorch's nn.RNN), got "
          + act);
    }
  }
}
