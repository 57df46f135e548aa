package dev.staticnet.kernel;

import java.util.Arrays;

/**
 * LSTM, PyTorch {@code nn.LSTM(in, hidden, batch_first=True)}, one layer, gates stacked i, f, g, o:
 * <pre>
 * [i f g o] = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh      i, f, o = σ(·), g = tanh(·)
 * c_t = f ⊙ c_{t−1} + i ⊙ g      h_t = o ⊙ tanh(c_t)      h_{−1} = c_{−1} = 0
 * </pre>
 *
 * <p>Parameters (PyTorch names and layouts, offsets into {@code params}/{@code dparams}):
 * {@code weight_ih_l0 (4·hidden, in)} at {@code wIhOff}, {@code weight_hh_l0 (4·hidden, hidden)} at
 * {@code wHhOff}, {@code bias_ih_l0 (4·hidden)} at {@code bIhOff}, {@code bias_hh_l0 (4·hidden)} at
 * {@code bHhOff} (a bias offset &lt; 0 means no such bias).
 *
 * <p>Input {@code x (batch, steps, in)}; output {@code y (batch, steps, hidden)} when
 * {@code returnSequences}, else {@code y (batch, hidden)} = h of the last step. {@code cache} holds
 * {@link #cacheSize} floats, allocated by the caller and kept from forward to backward: the
 * activated gates, c, h and tanh(c) of every step, the backward pass's scratch, and a transposed
 * copy of {@code weight_hh_l0}. The size is affine in batch: {@code cacheSize(0, steps, hidden)}
 * floats do not depend on it. The input projection of all steps is one GEMM of {@code batch·steps}
 * rows; each step adds its recurrent projection with one GEMM against the transposed copy (the
 * packed GEMM path beats dot products at a few rows); the cell's pointwise work is split over the
 * batch on {@link Parallel}.
 *
 * <pre>
 * float[] cache = new float[LstmKernel.cacheSize(batch, steps, hidden)];
 * LstmKernel.forward(y, cache, x, params, wIhOff, wHhOff, bIhOff, bHhOff, batch, steps, in, hidden, returnSequences);
 * LstmKernel.backward(dx, dparams, dy, x, cache, params, wIhOff, wHhOff, bIhOff, bHhOff,
 *                     batch, steps, in, hidden, returnSequences);   // dx (may be null), dparams +=
 * </pre>
 */
public final class LstmKernel {
  private LstmKernel() {}

  /**
   * Floats of {@code cache}: gates (B,T,4H), c, h, tanh(c) (B,T,H) each, gate gradients (B,T,4H),
   * 2·(B,H), and weight_hh_l0ᵀ (H, 4H) — {@code batch·(11·steps + 2)·hidden + 4·hidden²}.
   */
  public static int cacheSize(int batch, int steps, int hidden) {
    return Math.toIntExact((11L * steps + 2) * batch * hidden + 4L * hidden * hidden);
  }

  /**
   * Runs the recurrence over all steps.
   *
   * @param y (batch, steps, hidden) if returnSequences, else (batch, hidden); not {@code x}
   * @param cache {@link #cacheSize} floats, written here, read by {@link #backward}
   * @param x (batch, steps, in)
   */
  public static void forward(float[] y, float[] cache, float[] x, float[] params,
                             int wIhOff, int wHhOff, int bIhOff, int bHhOff,
                             int batch, int steps, int in, int hidden, boolean returnSequences) {
    SeqMath.checkNotAliased("LstmKernel", y, x);
    Layout l = PASSES.get().layout(cache, batch, steps, hidden);
    int g4 = 4 * hidden;
    int rows = batch * steps;
    // gates ← x·W_ihᵀ + b_ih + b_hh for every (b, t) at once    // (B, T, 4H)
    Gemm.gemm(false, true, rows, g4, in, x, 0, in, params, wIhOff, in, 0f, cache, l.gates, g4);
    SeqMath.addBias(cache, l.gates, rows, g4, g4, params, bIhOff);
    SeqMath.addBias(cache, l.gates, rows, g4, g4, params, bHhOff);
    // W_hhᵀ (H, 4H) is the same operand at every step: packed once into GEMM panels when the
    // product takes the packed path (same bits), else transposed once for the in-place path
    float[] packedWhhT = l.prepacks() ? l.packed(Gemm.packedSize(hidden, g4)) : null;
    if (packedWhhT != null) {
      Gemm.packWhole(true, hidden, g4, params, wHhOff, hidden, packedWhhT);
    } else {
      SeqMath.transpose(cache, l.wHhT, params, wHhOff, g4, hidden);
    }
    int parts = SeqMath.parts(batch, 8L * hidden);
    for (int t = 0; t < steps; t++) {
      if (t > 0 && packedWhhT != null) { // gates[:, t] += h[:, t−1]·W_hhᵀ
        Gemm.gemmPrepacked(Parallel.threads(), batch, g4, hidden, cache, l.h + (t - 1) * hidden, steps * hidden,
            packedWhhT, 1f, cache, l.gates + t * g4, steps * g4);
      } else if (t > 0) {
        Gemm.gemm(false, false, batch, g4, hidden, cache, l.h + (t - 1) * hidden, steps * hidden,
            cache, l.wHhT, g4, 1f, cache, l.gates + t * g4, steps * g4);
      }
      if (parts == 1) {
        cellForward(cache, l, t, 0, batch);
      } else {
        Parallel.run(parts, l.step(cache, null, false, t, false));
      }
    }
    l.release();
    RnnKernel.copyOutput(y, cache, l.h, batch, steps, hidden, returnSequences);
  }

  /**
   * Backpropagation through time. Adds into {@code dx} (skipped when null) and into the four
   * parameter gradients in {@code dparams} (skipped when null).
   *
   * @param dy (batch, steps, hidden) if returnSequences, else (batch, hidden)
   * @param x the forward input (batch, steps, in)
   * @param cache the cache the forward pass filled
   */
  public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] cache, float[] params,
                              int wIhOff, int wHhOff, int bIhOff, int bHhOff,
                              int batch, int steps, int in, int hidden, boolean returnSequences) {
    Layout l = PASSES.get().layout(cache, batch, steps, hidden);
    int g4 = 4 * hidden;
    Arrays.fill(cache, l.dh, l.dh + 2 * batch * hidden, 0f); // dh, dc from the future: 0
    float[] packedWhh = l.prepacks() ? l.packed(Gemm.packedSize(g4, hidden)) : null; // W_hh (4H, H), every step
    if (packedWhh != null) {
      Gemm.packWhole(false, g4, hidden, params, wHhOff, hidden, packedWhh);
    }
    int parts = SeqMath.parts(batch, 12L * hidden);
    for (int t = steps - 1; t >= 0; t--) {
      if (parts == 1) {
        cellBackward(cache, l, dy, returnSequences, t, 0, batch);
      } else {
        Parallel.run(parts, l.step(cache, dy, returnSequences, t, true));
      }
      if (t > 0 && packedWhh != null) { // dh_{t−1} = dgates_t·W_hh
        Gemm.gemmPrepacked(Parallel.threads(), batch, hidden, g4, cache, l.dgates + t * g4, steps * g4, packedWhh,
            0f, cache, l.dh, hidden);
      } else if (t > 0) {
        Gemm.gemm(false, false, batch, hidden, g4, cache, l.dgates + t * g4, steps * g4, params, wHhOff, hidden,
            0f, cache, l.dh, hidden);
      }
    }
    l.release();
    RnnGradients.input(dx, dparams, cache, l.dgates, x, params, wIhOff, bIhOff, batch * steps, in, g4);
    RnnGradients.recurrent(dparams, cache, l.dgates, cache, l.h, wHhOff, bHhOff, batch, steps, hidden, g4);
  }

  /** Activates the gates of step t for samples [b0, b1) and updates c, h, tanh(c). */
  private static void cellForward(float[] cache, Layout l, int t, int b0, int b1) {
    int hd = l.hidden;
    for (int b = b0; b < b1; b++) {
      int gate = l.gates + (b * l.steps + t) * 4 * hd;  // [i f g o] of (b, t)
      int s = (b * l.steps + t) * hd;                    // (b, t) in the (B, T, H) buffers
      int j0 = Gemm.SIMD ? SeqVector.lstmForward(cache, gate, t > 0 ? l.c + s - hd : -1, l.c + s, l.tanhC + s,
          l.h + s, hd) : 0;
      for (int j = j0; j < hd; j++) { // the scalar form of SeqVector.lstmForward
        float i = SeqMath.sigmoid(cache[gate + j]);
        float f = SeqMath.sigmoid(cache[gate + hd + j]);
        float g = SeqMath.tanh(cache[gate + 2 * hd + j]);
        float o = SeqMath.sigmoid(cache[gate + 3 * hd + j]);
        cache[gate + j] = i;
        cache[gate + hd + j] = f;
        cache[gate + 2 * hd + j] = g;
        cache[gate + 3 * hd + j] = o;
        float cPrev = t > 0 ? cache[l.c + s - hd + j] : 0f;
        float c = f * cPrev + i * g;
        float tc = SeqMath.tanh(c);
        cache[l.c + s + j] = c;
        cache[l.tanhC + s + j] = tc;
        cache[l.h + s + j] = o * tc;
      }
    }
  }

  /**
   * Gate gradients of step t for samples [b0, b1): takes dh (from step t+1 plus dy) and dc, writes
   * dgates[:, t] and leaves dc_{t−1} = dc ⊙ f in the dc buffer.
   */
  private static void cellBackward(float[] cache, Layout l, float[] dy, boolean returnSequences,
                                   int t, int b0, int b1) {
    int hd = l.hidden;
    int last = l.steps - 1;
    for (int b = b0; b < b1; b++) {
      int gate = (b * l.steps + t) * 4 * hd;
      int s = (b * l.steps + t) * hd;
      int yo = returnSequences ? s : (t == last ? b * hd : -1);
      int carry = b * hd;
      int j0 = Gemm.SIMD ? SeqVector.lstmBackward(cache, l.gates + gate, l.dgates + gate, l.tanhC + s,
          t > 0 ? l.c + s - hd : -1, l.dh + carry, l.dc + carry, dy, yo, hd) : 0;
      for (int j = j0; j < hd; j++) { // the scalar form of SeqVector.lstmBackward
        float dh = cache[l.dh + carry + j] + (yo >= 0 ? dy[yo + j] : 0f);
        float i = cache[l.gates + gate + j];
        float f = cache[l.gates + gate + hd + j];
        float g = cache[l.gates + gate + 2 * hd + j];
        float o = cache[l.gates + gate + 3 * hd + j];
        float tc = cache[l.tanhC + s + j];
        float cPrev = t > 0 ? cache[l.c + s - hd + j] : 0f;
        float dc = cache[l.dc + carry + j] + dh * o * (1f - tc * tc); // ∂h/∂c = o·(1 − tanh²c)
        cache[l.dc + carry + j] = dc * f;
        // pre-activation gradients: σ' = s(1 − s), tanh' = 1 − g²
        cache[l.dgates + gate + j] = dc * g * i * (1f - i);
        cache[l.dgates + gate + hd + j] = dc * cPrev * f * (1f - f);
        cache[l.dgates + gate + 2 * hd + j] = dc * i * (1f - g * g);
        cache[l.dgates + gate + 3 * hd + j] = dh * tc * o * (1f - o);
      }
    }
  }

  /** Each thread's {@link Layout}, reused by every call: a training step allocates nothing. */
  private static final ThreadLocal<Layout> PASSES = ThreadLocal.withInitial(Layout::new);

  /**
   * Offsets of the regions of one cache, and the cell work of one step split over the batch on
   * {@link Parallel} (so no lambda is captured per step). Set up by {@link #layout} at the start of
   * each pass on the calling thread; workers only read it while a step runs.
   */
  private static final class Layout implements Parallel.Task {
    int batch;
    int steps;
    int hidden;
    int gates;   // (B, T, 4H) activated i, f, g, o
    int c;       // (B, T, H)
    int h;       // (B, T, H)
    int tanhC;   // (B, T, H)
    int dgates;  // (B, T, 4H) scratch: gate pre-activation gradients
    int dh;      // (B, H) scratch: gradient into h_t from step t+1
    int dc;      // (B, H) scratch: gradient into c_t from step t+1
    int wHhT;    // (H, 4H) weight_hh_l0ᵀ, written by forward
    /** This thread's W_hh (or its transpose) packed for the GEMM, grown on demand, then reused. */
    private float[] packed = new float[0];
    // the step being split over the batch
    private float[] cache;
    private float[] dy;
    private boolean returnSequences;
    private int t;
    private boolean backward;

    Layout layout(float[] cache, int batch, int steps, int hidden) {
      SeqMath.checkCache("LstmKernel", cache, cacheSize(batch, steps, hidden), batch, steps, hidden);
      this.batch = batch;
      this.steps = steps;
      this.hidden = hidden;
      int bth = batch * steps * hidden;
      gates = 0;
      c = 4 * bth;
      h = 5 * bth;
      tanhC = 6 * bth;
      dgates = 7 * bth;
      dh = 11 * bth;
      dc = dh + batch * hidden;
      wHhT = dc + batch * hidden;
      return this;
    }

    /**
     * Whether the recurrent products run on pre-packed panels: on the Vector API path when the batch is
     * too tall for {@link Gemm}'s in-place few-row product (which reads B without packing it).
     */
    boolean prepacks() {
      return Gemm.SIMD && batch > Gemm.NN_MAX_ROWS;
    }

    float[] packed(int size) {
      if (packed.length < size) {
        packed = new float[size];
      }
      return packed;
    }

    /** This layout as the task computing step t's cells (forward, or backward with dy). */
    Layout step(float[] cache, float[] dy, boolean returnSequences, int t, boolean backward) {
      this.cache = cache;
      this.dy = dy;
      this.returnSequences = returnSequences;
      this.t = t;
      this.backward = backward;
      return this;
    }

    /** Drops the references to the caller's arrays once the pass is done. */
    void release() {
      cache = null;
      dy = null;
    }

    @Override
    public void run(int part, int parts) {
      int b0 = SeqMath.split(batch, part, parts);
      int b1 = SeqMath.split(batch, part + 1, parts);
      if (backward) {
        cellBackward(cache, this, dy, returnSequences, t, b0, b1);
      } else {
        cellForward(cache, this, t, b0, b1);
      }
    }
  }
}
