package dev.staticnet.kernel;

import java.util.Arrays;

/**
 * GRU, PyTorch {@code nn.GRU(in, hidden, batch_first=True)}, one layer, gates stacked r, z, n:
 * <pre>
 * r = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)      z = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
 * n = tanh(W_in x_t + b_in + r ⊙ (W_hn h_{t−1} + b_hn))
 * h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}   (evaluated as n + z ⊙ (h_{t−1} − n), as ATen)      h_{−1} = 0
 * </pre>
 *
 * <p>Parameters (PyTorch names and layouts, offsets into {@code params}/{@code dparams}):
 * {@code weight_ih_l0 (3·hidden, in)} at {@code wIhOff}, {@code weight_hh_l0 (3·hidden, hidden)} at
 * {@code wHhOff}, {@code bias_ih_l0 (3·hidden)} at {@code bIhOff}, {@code bias_hh_l0 (3·hidden)} at
 * {@code bHhOff} (a bias offset &lt; 0 means no such bias).
 *
 * <p>Input {@code x (batch, steps, in)}; output {@code y (batch, steps, hidden)} when
 * {@code returnSequences}, else {@code y (batch, hidden)} = the last state. {@code cache} holds
 * {@link #cacheSize} floats, allocated by the caller and kept from forward to backward; the size is
 * affine in batch ({@code cacheSize(0, steps, hidden)} floats, a transposed copy of
 * {@code weight_hh_l0}, do not depend on it). The input projection of all steps is one GEMM of
 * {@code batch·steps} rows; each step's recurrent projection is one GEMM against the transposed
 * copy; the pointwise work is split over the batch on {@link Parallel}.
 *
 * <pre>
 * float[] cache = new float[GruKernel.cacheSize(batch, steps, hidden)];
 * GruKernel.forward(y, cache, x, params, wIhOff, wHhOff, bIhOff, bHhOff, batch, steps, in, hidden, returnSequences);
 * GruKernel.backward(dx, dparams, dy, x, cache, params, wIhOff, wHhOff, bIhOff, bHhOff,
 *                    batch, steps, in, hidden, returnSequences);   // dx (may be null), dparams +=
 * </pre>
 */
public final class GruKernel {
  private GruKernel() {}

  /**
   * Floats of {@code cache}: gates, recurrent projections (B,T,3H) each, h (B,T,H), gradients
   * 2·(B,T,3H), (B,H), and weight_hh_l0ᵀ (H, 3H) — {@code batch·(13·steps + 1)·hidden + 3·hidden²}.
   */
  public static int cacheSize(int batch, int steps, int hidden) {
    return Math.toIntExact((13L * steps + 1) * batch * hidden + 3L * hidden * hidden);
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
    SeqMath.checkNotAliased("GruKernel", y, x);
    Layout l = PASSES.get().layout(cache, batch, steps, hidden);
    int g3 = 3 * hidden;
    int rows = batch * steps;
    // gates ← x·W_ihᵀ + b_ih for every (b, t) at once; hh ← b_hh    // (B, T, 3H) each
    Gemm.gemm(false, true, rows, g3, in, x, 0, in, params, wIhOff, in, 0f, cache, l.gates, g3);
    SeqMath.addBias(cache, l.gates, rows, g3, g3, params, bIhOff);
    Arrays.fill(cache, l.hh, l.hh + rows * g3, 0f);
    SeqMath.addBias(cache, l.hh, rows, g3, g3, params, bHhOff);
    SeqMath.transpose(cache, l.wHhT, params, wHhOff, g3, hidden); // (H, 3H)
    int parts = SeqMath.parts(batch, 8L * hidden);
    for (int t = 0; t < steps; t++) {
      if (t > 0) { // hh[:, t] += h[:, t−1]·W_hhᵀ
        Gemm.gemm(false, false, batch, g3, hidden, cache, l.h + (t - 1) * hidden, steps * hidden,
            cache, l.wHhT, g3, 1f, cache, l.hh + t * g3, steps * g3);
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
    int g3 = 3 * hidden;
    Arrays.fill(cache, l.dh, l.dh + batch * hidden, 0f);
    int parts = SeqMath.parts(batch, 12L * hidden);
    for (int t = steps - 1; t >= 0; t--) {
      if (parts == 1) {
        cellBackward(cache, l, dy, returnSequences, t, 0, batch);
      } else {
        Parallel.run(parts, l.step(cache, dy, returnSequences, t, true));
      }
      if (t > 0) { // dh_{t−1} = dh_t ⊙ z (left by cellBackward) + dhh_t·W_hh
        Gemm.gemm(false, false, batch, hidden, g3, cache, l.dhh + t * g3, steps * g3, params, wHhOff, hidden,
            1f, cache, l.dh, hidden);
      }
    }
    l.release();
    RnnGradients.input(dx, dparams, cache, l.dgates, x, params, wIhOff, bIhOff, batch * steps, in, g3);
    RnnGradients.recurrent(dparams, cache, l.dhh, cache, l.h, wHhOff, bHhOff, batch, steps, hidden, g3);
  }

  /** Activates r, z, n of step t for samples [b0, b1) and writes h_t. */
  private static void cellForward(float[] cache, Layout l, int t, int b0, int b1) {
    int hd = l.hidden;
    for (int b = b0; b < b1; b++) {
      int gate = (b * l.steps + t) * 3 * hd; // [r z n] of (b, t) in gates and hh
      int s = (b * l.steps + t) * hd;
      int x = l.gates + gate;
      int hh = l.hh + gate;
      int j0 = Gemm.SIMD ? SeqVector.gruForward(cache, x, hh, t > 0 ? l.h + s - hd : -1, l.h + s, hd) : 0;
      for (int j = j0; j < hd; j++) { // the scalar form of SeqVector.gruForward
        float r = SeqMath.sigmoid(cache[x + j] + cache[hh + j]);
        float z = SeqMath.sigmoid(cache[x + hd + j] + cache[hh + hd + j]);
        float n = SeqMath.tanh(cache[x + 2 * hd + j] + r * cache[hh + 2 * hd + j]);
        cache[x + j] = r;
        cache[x + hd + j] = z;
        cache[x + 2 * hd + j] = n;
        float hPrev = t > 0 ? cache[l.h + s - hd + j] : 0f;
        cache[l.h + s + j] = n + z * (hPrev - n);
      }
    }
  }

  /**
   * Gradients of step t for samples [b0, b1): from dh (step t+1's share plus dy) writes the input-side
   * pre-activation gradients dgates[:, t], the recurrent-side ones dhh[:, t], and leaves dh ⊙ z in dh.
   */
  private static void cellBackward(float[] cache, Layout l, float[] dy, boolean returnSequences,
                                   int t, int b0, int b1) {
    int hd = l.hidden;
    int last = l.steps - 1;
    for (int b = b0; b < b1; b++) {
      int gate = (b * l.steps + t) * 3 * hd;
      int s = (b * l.steps + t) * hd;
      int yo = returnSequences ? s : (t == last ? b * hd : -1);
      int carry = l.dh + b * hd;
      int act = l.gates + gate;
      int hh = l.hh + gate;
      int dgx = l.dgates + gate;
      int dgh = l.dhh + gate;
      int j0 = Gemm.SIMD ? SeqVector.gruBackward(cache, act, hh, dgx, dgh, t > 0 ? l.h + s - hd : -1, carry,
          dy, yo, hd) : 0;
      for (int j = j0; j < hd; j++) { // the scalar form of SeqVector.gruBackward
        float dh = cache[carry + j] + (yo >= 0 ? dy[yo + j] : 0f);
        float r = cache[act + j];
        float z = cache[act + hd + j];
        float n = cache[act + 2 * hd + j];
        float hPrev = t > 0 ? cache[l.h + s - hd + j] : 0f;
        float dnPre = dh * (1f - z) * (1f - n * n);          // through n = tanh(·)
        float dzPre = dh * (hPrev - n) * z * (1f - z);
        float drPre = dnPre * cache[hh + 2 * hd + j] * r * (1f - r); // n's argument has r ⊙ hn
        cache[dgx + j] = drPre;
        cache[dgx + hd + j] = dzPre;
        cache[dgx + 2 * hd + j] = dnPre;
        cache[dgh + j] = drPre;
        cache[dgh + hd + j] = dzPre;
        cache[dgh + 2 * hd + j] = dnPre * r;
        cache[carry + j] = dh * z;
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
    int gates;   // (B, T, 3H) input projections, then activated r, z, n
    int hh;      // (B, T, 3H) recurrent projections h_{t−1}·W_hhᵀ + b_hh
    int h;       // (B, T, H)
    int dgates;  // (B, T, 3H) scratch: input-side pre-activation gradients
    int dhh;     // (B, T, 3H) scratch: recurrent-side pre-activation gradients
    int dh;      // (B, H) scratch: gradient into h_t from step t+1
    int wHhT;    // (H, 3H) weight_hh_l0ᵀ, written by forward
    // the step being split over the batch
    private float[] cache;
    private float[] dy;
    private boolean returnSequences;
    private int t;
    private boolean backward;

    Layout layout(float[] cache, int batch, int steps, int hidden) {
      SeqMath.checkCache("GruKernel", cache, cacheSize(batch, steps, hidden), batch, steps, hidden);
      this.batch = batch;
      this.steps = steps;
      this.hidden = hidden;
      int bth = batch * steps * hidden;
      gates = 0;
      hh = 3 * bth;
      h = 6 * bth;
      dgates = 7 * bth;
      dhh = 10 * bth;
      dh = 13 * bth;
      wHhT = dh + batch * hidden;
      return this;
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
