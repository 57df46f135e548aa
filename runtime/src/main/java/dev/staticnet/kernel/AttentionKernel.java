package dev.staticnet.kernel;

/**
 * Multi-head self-attention, PyTorch {@code nn.MultiheadAttention(dim, heads, bias, batch_first=True)}
 * called with {@code q = k = v = x}:
 * <pre>
 * [Q K V] = x·in_proj_weightᵀ + in_proj_bias                      // (B, T, 3D), rows q; k; v
 * per head h (columns h·dh .. (h+1)·dh, dh = D/heads):
 *   P_h = softmax(Q_h K_hᵀ / √dh)   (causal: keys after the query get −∞, i.e. P = 0)
 *   ctx[:, h·dh ..] = P_h V_h                                      // (B, T, D), heads concatenated
 * y = ctx·out_proj.weightᵀ + out_proj.bias   (or y = ctx without the out projection)
 * </pre>
 *
 * <p>Parameters (PyTorch names and layouts, offsets into {@code params}/{@code dparams}):
 * {@code in_proj_weight (3D, D)} at {@code wInOff}, {@code in_proj_bias (3D)} at {@code bInOff},
 * {@code out_proj.weight (D, D)} at {@code wOutOff}, {@code out_proj.bias (D)} at {@code bOutOff}.
 * {@code bias = false} → pass {@code bInOff = bOutOff = -1}; {@code outProjection = false} → pass
 * {@code wOutOff = bOutOff = -1}.
 *
 * <p>Input and output {@code (batch, steps, dim)}. {@code cache} holds {@link #cacheSize} floats
 * (linear in batch), allocated by the caller and kept from forward to backward: Q, K, V, the
 * attention probabilities (batch, heads, steps, steps) and the concatenated heads, plus the
 * backward pass's scratch. Projections are one GEMM over {@code batch·steps} rows; the
 * (sample, head) pairs are split over {@link Parallel}.
 *
 * <pre>
 * float[] cache = new float[AttentionKernel.cacheSize(batch, steps, dim, heads)];
 * AttentionKernel.forward(y, cache, x, params, wInOff, bInOff, wOutOff, bOutOff, batch, steps, dim, heads, causal);
 * AttentionKernel.backward(dx, dparams, dy, x, cache, params, wInOff, bInOff, wOutOff, bOutOff,
 *                          batch, steps, dim, heads, causal);   // dx (may be null), dparams +=
 * </pre>
 */
public final class AttentionKernel {
  private AttentionKernel() {}

  /** Floats of {@code cache}: QKV and its gradient (B,T,3D) each, ctx and its gradient (B,T,D), 2·(B,heads,T,T). */
  public static int cacheSize(int batch, int steps, int dim, int heads) {
    return Math.toIntExact(batch * (8L * steps * dim + 2L * heads * steps * steps));
  }

  /**
   * Self-attention of every sample.
   *
   * @param y (batch, steps, dim); must not be {@code x}
   * @param cache {@link #cacheSize} floats, written here, read by {@link #backward}
   * @param x (batch, steps, dim)
   */
  public static void forward(float[] y, float[] cache, float[] x, float[] params,
                             int wInOff, int bInOff, int wOutOff, int bOutOff,
                             int batch, int steps, int dim, int heads, boolean causal) {
    forward(null, y, cache, x, params, wInOff, bInOff, wOutOff, bOutOff, batch, steps, dim, heads, causal);
  }

  /** As the forward above, reading the projection weights from {@code packed} panels when it is not null (inference). */
  public static void forward(PackedWeights packed, float[] y, float[] cache, float[] x, float[] params,
                             int wInOff, int bInOff, int wOutOff, int bOutOff,
                             int batch, int steps, int dim, int heads, boolean causal) {
    SeqMath.checkNotAliased("AttentionKernel", y, x);
    Layout l = LAYOUTS.get().set(cache, batch, steps, dim, heads);
    int rows = batch * steps;
    int d3 = 3 * dim;
    // [Q K V] = x·W_inᵀ + b_in    // (B, T, 3D)
    Gemm.gemmWeightsBias(packed, rows, d3, dim, x, 0, dim, params, wInOff, bInOff, cache, l.qkv, d3);
    l.forEachHead(cache, null, 0, causal, false);
    if (wOutOff >= 0) { // y = ctx·W_outᵀ + b_out
      Gemm.gemmWeightsBias(packed, rows, dim, dim, cache, l.ctx, dim, params, wOutOff, bOutOff, y, 0, dim);
    } else {
      System.arraycopy(cache, l.ctx, y, 0, rows * dim);
    }
  }

  /**
   * Backward through the out projection, every head's softmax and the in projection. Adds into
   * {@code dx} (skipped when null) and into the parameter gradients in {@code dparams} (skipped
   * when null).
   *
   * @param dy (batch, steps, dim)
   * @param x the forward input (batch, steps, dim)
   * @param cache the cache the forward pass filled
   */
  public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] cache, float[] params,
                              int wInOff, int bInOff, int wOutOff, int bOutOff,
                              int batch, int steps, int dim, int heads, boolean causal) {
    Layout l = LAYOUTS.get().set(cache, batch, steps, dim, heads);
    int rows = batch * steps;
    int d3 = 3 * dim;
    float[] dctx;   // gradient of the concatenated heads (B, T, D)
    int dctxOff;
    if (wOutOff >= 0) {
      if (dparams != null) { // dW_out += dyᵀ·ctx ; db_out += Σ dy
        Gemm.gemm(true, false, dim, dim, rows, dy, 0, dim, cache, l.ctx, dim, 1f, dparams, wOutOff, dim);
        SeqMath.addColumnSums(dparams, bOutOff, dy, 0, rows, dim, dim);
      }
      Gemm.gemm(false, false, rows, dim, dim, dy, 0, dim, params, wOutOff, dim, 0f, cache, l.dctx, dim);
      dctx = cache;
      dctxOff = l.dctx;
    } else {
      dctx = dy;
      dctxOff = 0;
    }
    l.forEachHead(cache, dctx, dctxOff, causal, true);
    if (dparams != null) { // dW_in += dQKVᵀ·x ; db_in += Σ dQKV
      Gemm.gemm(true, false, d3, dim, rows, cache, l.dqkv, d3, x, 0, dim, 1f, dparams, wInOff, dim);
      SeqMath.addColumnSums(dparams, bInOff, cache, l.dqkv, rows, d3, d3);
    }
    if (dx != null) { // dx += dQKV·W_in
      Gemm.gemm(false, false, rows, dim, d3, cache, l.dqkv, d3, params, wInOff, dim, 1f, dx, 0, dim);
    }
  }

  /** Each thread's {@link Layout}, reused by every call: a training step allocates nothing. */
  private static final ThreadLocal<Layout> LAYOUTS = ThreadLocal.withInitial(Layout::new);

  /**
   * Offsets of the regions of one cache and the sizes, and the per-head work of one pass split over
   * {@link Parallel} (so no lambda is captured per call). Set up by {@link #set} on the calling
   * thread at the start of each pass; workers only read it while the heads run.
   */
  static final class Layout implements Parallel.Task {
    int batch;
    int steps;
    int dim;
    int heads;
    int headDim;
    int qkv;    // (B, T, 3D) Q | K | V per row
    int probs;  // (B, heads, T, T) attention probabilities
    int ctx;    // (B, T, D) concatenated heads
    int dqkv;   // (B, T, 3D) scratch
    int dctx;   // (B, T, D) scratch
    int dprobs; // (B, heads, T, T) scratch: score gradients
    // the heads' pass in progress
    private float[] cache;
    private float[] dout;
    private int doutOff;
    private boolean causal;
    private boolean backward;

    Layout set(float[] cache, int batch, int steps, int dim, int heads) {
      if (heads < 1 || dim % heads != 0) {
        throw new IllegalArgumentException("AttentionKernel: heads must divide dim, got dim " + dim + ", heads " + heads);
      }
      long needed = cacheSize(batch, steps, dim, heads);
      if (cache.length < needed) {
        throw new IllegalArgumentException("AttentionKernel: cache needs " + needed + " floats for batch " + batch
            + ", steps " + steps + ", dim " + dim + ", heads " + heads + ", but has " + cache.length);
      }
      this.batch = batch;
      this.steps = steps;
      this.dim = dim;
      this.heads = heads;
      this.headDim = dim / heads;
      int btd = batch * steps * dim;
      int bhtt = batch * heads * steps * steps;
      qkv = 0;
      probs = 3 * btd;
      ctx = probs + bhtt;
      dqkv = ctx + btd;
      dctx = dqkv + 3 * btd;
      dprobs = dctx + btd;
      return this;
    }

    /**
     * Runs every (sample, head) pair's forward, or backward given dO at {@code dout[doutOff]}, the
     * pairs split into contiguous parts over {@link Parallel}.
     */
    void forEachHead(float[] cache, float[] dout, int doutOff, boolean causal, boolean backward) {
      this.cache = cache;
      this.dout = dout;
      this.doutOff = doutOff;
      this.causal = causal;
      this.backward = backward;
      int units = batch * heads;
      int parts = SeqMath.parts(units, (long) steps * steps * headDim);
      if (parts == 1) {
        run(0, 1);
      } else {
        Parallel.run(parts, this);
      }
      this.cache = null;
      this.dout = null;
    }

    @Override
    public void run(int part, int parts) {
      int units = batch * heads;
      for (int u = SeqMath.split(units, part, parts); u < SeqMath.split(units, part + 1, parts); u++) {
        if (backward) {
          AttentionHead.backward(cache, this, dout, doutOff, u / heads, u % heads, causal);
        } else {
          AttentionHead.forward(cache, this, u / heads, u % heads, causal);
        }
      }
    }
  }
}
