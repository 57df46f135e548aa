package dev.staticnet.kernel;

/**
 * 2-D convolution (PyTorch {@code nn.Conv2d}, cross-correlation) forward and backward.
 *
 * <p>Layouts: x {@code (batch, inC, inH, inW)}, y {@code (batch, outC, outH, outW)}, weight
 * {@code params[wOff ..]} shaped {@code (outC, inC/groups, kh, kw)}, bias {@code params[bOff ..]}
 * shaped {@code (outC)}. Per sample and group the convolution is one GEMM,
 * {@code Y_g (outC/g × P) = W_g (outC/g × K) · col_g (K × P)} with {@code K = inC/g·kh·kw},
 * {@code P = outH·outW} and {@code col} the im2col matrix ({@link ConvColumns}); a 1×1 stride-1
 * unpadded convolution uses x itself as {@code col}. Small outputs are processed a few samples at a
 * time ({@code col} of several samples side by side) so the GEMM sees at least
 * {@link #TARGET_COLUMNS} columns. Depthwise convolutions ({@code groups == inC == outC}) run a
 * direct kernel instead ({@link ConvDepthwise}): their GEMM would have a single row.
 *
 * <p>Backward: {@code dW_g += dY_g · col_gᵀ} (GEMM on the recomputed im2col matrix). For dx, a
 * stride-1 "same"-style convolution is itself a convolution of dy by the flipped, transposed
 * kernel ({@link ConvGeometry#dataGradient}): im2col of dy (plain copies) and one GEMM adding into
 * dx. Other geometries compute {@code col = W_gᵀ · dY_g} and scatter-add it with col2im. Measured
 * on the ResNet 3×3 shape (16→16, 32×32) the scalar col2im alone cost about as much as the dx GEMM,
 * which is why it is avoided where it can be.
 *
 * <p>Threads: the batch is split over the {@link Parallel} workers, each with its own scratch
 * ({@link ConvScratch}); a single sample leaves the splitting to {@link Gemm}. The weight gradient of
 * worker parts is summed in per-part buffers and added in part order, so results depend on the
 * thread count only by float rounding.
 */
public final class Conv2dKernel {
  /** The GEMM's column count (samples × output pixels) a chunk of samples is grown to. */
  static final int TARGET_COLUMNS = 512;
  /** Below this many multiply-adds per call the whole batch runs on the calling thread. */
  static final long PARALLEL_MACS = 64 * 1024;

  private Conv2dKernel() {}

  /**
   * y = conv(x, W) + b. Overwrites y {@code (batch, outC, outH, outW)}; {@code bOff < 0} means no bias.
   */
  public static void forward(float[] y, float[] x, float[] params, int wOff, int bOff, ConvGeometry g, int batch) {
    forward(y, x, params, wOff, bOff, g, batch, false);
  }

  /**
   * y = max(conv(x, W) + b, 0): the ReLU applied in the bias epilogue, while each chunk of y is
   * still in cache (inference with a folded BatchNorm + ReLU). No backward: inference only.
   */
  public static void forwardRelu(float[] y, float[] x, float[] params, int wOff, int bOff, ConvGeometry g,
                                 int batch) {
    forward(y, x, params, wOff, bOff, g, batch, true);
  }

  private static void forward(float[] y, float[] x, float[] params, int wOff, int bOff, ConvGeometry g, int batch,
                              boolean relu) {
    checkCommon(x, "x", params, wOff, bOff, g, batch);
    requireLength("y", y, (long) batch * g.outSize());
    if (batch == 0) {
      return;
    }
    if (g.isDepthwise()) {
      ConvDepthwise.forward(y, x, params, wOff, bOff, g, batch);
      if (relu) {
        for (int i = 0, n = batch * g.outSize(); i < n; i++) {
          y[i] = Math.max(y[i], 0f);
        }
      }
      return;
    }
    int chunk = chunkSamples(g);
    int parts = parts(g, batch);
    if (parts == 1) {
      forwardRange(y, x, params, wOff, bOff, g, 0, batch, chunk, relu);
      return;
    }
    BatchSplit task = SPLIT.get();
    task.forward(y, x, params, wOff, bOff, g, batch, chunk, relu);
    try {
      Parallel.run(parts, task);
    } finally {
      task.clear();
    }
  }

  /**
   * Backward pass; ADDS into {@code dx} (may be {@code null}), {@code dW = dparams[wOff ..]} and
   * {@code db = dparams[bOff ..]} (skipped when {@code bOff < 0}; {@code dparams == null} skips both).
   * {@code dW += Σ_n dY_n · col_nᵀ}, {@code db += Σ_{n,pixels} dY}, {@code dx += col2im(Wᵀ · dY_n)}
   * (computed as a convolution of dy by the flipped kernel where that applies).
   */
  public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] params,
                              int wOff, int bOff, ConvGeometry g, int batch) {
    backward(dx, dparams, dy, x, params, wOff, bOff, g, batch, true);
  }

  /**
   * As {@link #backward(float[], float[], float[], float[], float[], int, int, ConvGeometry, int)}, with
   * dx computed into zeroes unless {@code accumulateDx}: each chunk of samples is zeroed just before its
   * gradient is added, on the thread that adds it, so that dx needs no zeroing beforehand.
   */
  public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] params,
                              int wOff, int bOff, ConvGeometry g, int batch, boolean accumulateDx) {
    checkCommon(x, "x", params, wOff, bOff, g, batch);
    requireLength("dy", dy, (long) batch * g.outSize());
    if (dx != null) {
      requireLength("dx", dx, (long) batch * g.inSize());
    }
    if (dparams != null) {
      requireLength("dparams", dparams, (long) wOff + g.weightCount());
      if (bOff >= 0) {
        requireLength("dparams", dparams, (long) bOff + g.outC);
      }
    }
    if (batch == 0 || (dx == null && dparams == null)) {
      return;
    }
    if (dparams != null && bOff >= 0) {
      biasBackward(dparams, bOff, dy, g, batch);
    }
    if (g.isDepthwise()) {
      if (dx != null && !accumulateDx) {
        java.util.Arrays.fill(dx, 0, batch * g.inSize(), 0f);
      }
      ConvDepthwise.backward(dx, dparams, dy, x, params, wOff, g, batch);
      return;
    }
    int chunk = chunkSamples(g);
    int parts = parts(g, batch);
    ConvScratch owner = ConvScratch.get();
    int wc = g.weightCount();
    float[] flipped = dx != null && g.dataGradient != null ? flipWeights(owner.flipped(wc), params, wOff, g) : null;
    if (parts == 1) {
      backwardRange(dx, accumulateDx, dparams, wOff, dy, x, params, wOff, flipped, g, 0, batch, chunk);
      return;
    }
    // Part 0 adds into dparams itself; every other part sums into its own buffer, added below in order.
    if (dparams != null) {
      for (int p = 1; p < parts; p++) {
        owner.zeroPartial(p, wc);
      }
    }
    BatchSplit task = SPLIT.get();
    task.backward(dx, accumulateDx, dparams, dy, x, params, wOff, flipped, g, batch, chunk, owner);
    try {
      Parallel.run(parts, task);
    } finally {
      task.clear();
    }
    if (dparams != null) {
      for (int p = 1; p < parts; p++) {
        float[] partial = owner.partial(p);
        for (int i = 0; i < wc; i++) {
          dparams[wOff + i] += partial[i];
        }
      }
    }
  }

  /** One reusable batch-split task per calling thread, so that a parallel call allocates nothing. */
  private static final ThreadLocal<BatchSplit> SPLIT = ThreadLocal.withInitial(BatchSplit::new);

  /** A forward or backward call cut into contiguous sample ranges, one per part. */
  private static final class BatchSplit implements Parallel.Task {
    private boolean backward;
    private boolean relu;
    private boolean accumulateDx;
    private float[] y;
    private float[] dx;
    private float[] dparams;
    private float[] dy;
    private float[] x;
    private float[] params;
    private float[] flipped;
    private int wOff;
    private int bOff;
    private ConvGeometry g;
    private int batch;
    private int chunk;
    private ConvScratch owner;

    void forward(float[] y, float[] x, float[] params, int wOff, int bOff, ConvGeometry g, int batch, int chunk,
                 boolean relu) {
      this.backward = false;
      this.relu = relu;
      this.y = y;
      this.x = x;
      this.params = params;
      this.wOff = wOff;
      this.bOff = bOff;
      this.g = g;
      this.batch = batch;
      this.chunk = chunk;
    }

    void backward(float[] dx, boolean accumulateDx, float[] dparams, float[] dy, float[] x, float[] params, int wOff,
                  float[] flipped, ConvGeometry g, int batch, int chunk, ConvScratch owner) {
      this.backward = true;
      this.dx = dx;
      this.accumulateDx = accumulateDx;
      this.dparams = dparams;
      this.dy = dy;
      this.x = x;
      this.params = params;
      this.wOff = wOff;
      this.flipped = flipped;
      this.g = g;
      this.batch = batch;
      this.chunk = chunk;
      this.owner = owner;
    }

    /** Drops the arrays so an idle thread does not keep them alive. */
    void clear() {
      y = dx = dparams = dy = x = params = flipped = null;
      g = null;
      owner = null;
    }

    @Override
    public void run(int part, int parts) {
      int from = split(batch, part, parts);
      int to = split(batch, part + 1, parts);
      if (!backward) {
        forwardRange(y, x, params, wOff, bOff, g, from, to, chunk, relu);
        return;
      }
      // Part 0 adds into dparams itself, the others into the caller's per-part buffers.
      float[] dw = part == 0 || dparams == null ? dparams : owner.partial(part);
      backwardRange(dx, accumulateDx, dw, part == 0 ? wOff : 0, dy, x, params, wOff, flipped, g, from, to, chunk);
    }
  }

  /** Samples [from, to) of the forward pass, {@code chunk} samples per GEMM; {@code relu}: max(·, 0) epilogue. */
  private static void forwardRange(float[] y, float[] x, float[] params, int wOff, int bOff, ConvGeometry g,
                                   int from, int to, int chunk, boolean relu) {
    ConvScratch scratch = ConvScratch.get();
    for (int n = from; n < to; n += chunk) {
      forwardChunk(y, x, params, wOff, bOff, g, n, Math.min(chunk, to - n), scratch, relu);
    }
  }

  /** Samples [n0, n0 + s): per group, Y = W_g · [col_n0 | col_n0+1 | …]. */
  private static void forwardChunk(float[] y, float[] x, float[] params, int wOff, int bOff, ConvGeometry g,
                                   int n0, int s, ConvScratch scratch, boolean relu) {
    int p = g.outSpatial();
    int k = g.colRows();
    int cols = s * p;
    int outG = g.outPerGroup();
    int inGroupSize = g.inPerGroup() * g.inH * g.inW;
    boolean direct = g.isPointwise() && s == 1;
    float[] col = direct ? null : scratch.columns(k * cols);
    float[] staged = s == 1 ? null : scratch.rows(outG * cols);
    for (int gi = 0; gi < g.groups; gi++) {
      int w = wOff + gi * outG * k;
      int xGroup = n0 * g.inSize() + gi * inGroupSize;
      if (direct) { // 1×1 stride 1: the input plane is the column matrix
        Gemm.gemm(false, false, outG, p, k, params, w, k, x, xGroup, p, 0f, y, n0 * g.outSize() + gi * outG * p, p);
        continue;
      }
      for (int j = 0; j < s; j++) {
        ConvColumns.im2col(col, j * p, cols, x, xGroup + j * g.inSize(), g);
      }
      if (s == 1) {
        Gemm.gemm(false, false, outG, p, k, params, w, k, col, 0, p, 0f, y, n0 * g.outSize() + gi * outG * p, p);
      } else { // staged (outG, s·P) → y (s, outC, P)
        Gemm.gemm(false, false, outG, cols, k, params, w, k, col, 0, cols, 0f, staged, 0, cols);
        for (int o = 0; o < outG; o++) {
          for (int j = 0; j < s; j++) {
            System.arraycopy(staged, o * cols + j * p, y, (n0 + j) * g.outSize() + (gi * outG + o) * p, p);
          }
        }
      }
    }
    if (bOff >= 0 || relu) {
      for (int j = 0; j < s; j++) {
        for (int o = 0; o < g.outC; o++) {
          int row = (n0 + j) * g.outSize() + o * p;
          float b = bOff >= 0 ? params[bOff + o] : 0f;
          if (relu) {
            addScalarRelu(y, row, p, b);
          } else {
            addScalar(y, row, p, b);
          }
        }
      }
    }
  }

  /** Samples [from, to) of the backward pass; dW goes to {@code dw[dwOff ..]} (null: skip). */
  private static void backwardRange(float[] dx, boolean accumulateDx, float[] dw, int dwOff, float[] dy, float[] x,
                                    float[] params, int wOff, float[] flipped, ConvGeometry g, int from, int to,
                                    int chunk) {
    ConvScratch scratch = ConvScratch.get();
    for (int n = from; n < to; n += chunk) {
      int s = Math.min(chunk, to - n);
      if (dx != null && !accumulateDx) { // the chunk's dx, zeroed here while the adds below follow in cache
        java.util.Arrays.fill(dx, n * g.inSize(), (n + s) * g.inSize(), 0f);
      }
      backwardChunk(dx, dw, dwOff, dy, x, params, wOff, flipped, g, n, s, scratch);
    }
  }

  /**
   * Samples [n0, n0 + s), per group: dW_g += dY·colᵀ, where dY is the (outG, s·P) matrix of the
   * chunk's output gradients. Then dx: with {@code flipped} (stride 1, see
   * {@link ConvGeometry#dataGradient}) dx_g += W'_g · im2col'(dy), a convolution of dy by the flipped
   * kernel; otherwise col ← W_gᵀ·dY (reusing the buffer) and dx += col2im(col).
   */
  private static void backwardChunk(float[] dx, float[] dw, int dwOff, float[] dy, float[] x, float[] params,
                                    int wOff, float[] flipped, ConvGeometry g, int n0, int s, ConvScratch scratch) {
    int p = g.outSpatial();
    int k = g.colRows();
    int cols = s * p;
    int outG = g.outPerGroup();
    int inG = g.inPerGroup();
    int hw = g.inH * g.inW;
    ConvGeometry t = g.dataGradient;
    int kT = t == null ? 0 : t.colRows();
    int colsT = s * hw;
    boolean direct = g.isPointwise() && s == 1;
    boolean wide = dx != null && flipped == null && g.wideColumnGradient;
    int widePixels = g.outH * g.inW; // a sample's wide columns: outH rows of inW
    int colsW = s * widePixels;
    float[] col = direct ? null
        : scratch.columns(Math.max(k * (wide ? colsW : cols), flipped == null ? 0 : kT * colsT));
    float[] staged = s == 1 ? null : scratch.rows(Math.max(outG * cols, flipped == null ? 0 : inG * colsT));
    float[] wideDy = wide ? scratch.wideRows(outG * colsW) : null;
    for (int gi = 0; gi < g.groups; gi++) {
      int w = wOff + gi * outG * k;
      int xGroup = n0 * g.inSize() + gi * inG * hw;
      int dyGroup = n0 * g.outSize() + gi * outG * p;
      float[] dY;
      int dYOff;
      if (s == 1) {
        dY = dy;
        dYOff = dyGroup;
      } else { // gather dy (s, outC, P) → staged (outG, s·P)
        for (int o = 0; o < outG; o++) {
          for (int j = 0; j < s; j++) {
            System.arraycopy(dy, dyGroup + j * g.outSize() + o * p, staged, o * cols + j * p, p);
          }
        }
        dY = staged;
        dYOff = 0;
      }
      if (direct) { // 1×1 stride 1: x is the column matrix, dx the column gradient
        if (dw != null) {
          Gemm.gemm(false, true, outG, k, p, dY, dYOff, p, x, xGroup, p, 1f, dw, dwOff + gi * outG * k, k);
        }
        if (dx != null) {
          Gemm.gemm(true, false, k, p, outG, params, w, k, dY, dYOff, p, 1f, dx, xGroup, p);
        }
        continue;
      }
      if (dw != null) {
        for (int j = 0; j < s; j++) {
          ConvColumns.im2col(col, j * p, cols, x, xGroup + j * g.inSize(), g);
        }
        Gemm.gemm(false, true, outG, k, cols, dY, dYOff, cols, col, 0, cols, 1f, dw, dwOff + gi * outG * k, k);
      }
      if (dx == null) {
        continue;
      }
      if (flipped != null) {
        for (int j = 0; j < s; j++) {
          ConvColumns.im2col(col, j * hw, colsT, dy, dyGroup + j * g.outSize(), t);
        }
        int wT = gi * inG * kT;
        if (s == 1) {
          Gemm.gemm(false, false, inG, hw, kT, flipped, wT, kT, col, 0, hw, 1f, dx, xGroup, hw);
        } else { // staged (inG, s·H·W) → dx (s, inC, H·W), adding
          Gemm.gemm(false, false, inG, colsT, kT, flipped, wT, kT, col, 0, colsT, 0f, staged, 0, colsT);
          for (int c = 0; c < inG; c++) {
            for (int j = 0; j < s; j++) {
              addRow(dx, xGroup + j * g.inSize() + c * hw, staged, c * colsT + j * hw, hw);
            }
          }
        }
      } else if (wide) { // dy rows padded to inW with zeroes, so each tap's adds form one run
        widenRows(wideDy, dy, dyGroup, g, outG, s);
        Gemm.gemm(true, false, k, colsW, outG, params, w, k, wideDy, 0, colsW, 0f, col, 0, colsW);
        for (int j = 0; j < s; j++) {
          ConvColumns.col2imWide(dx, xGroup + j * g.inSize(), col, j * widePixels, colsW, g);
        }
      } else {
        Gemm.gemm(true, false, k, cols, outG, params, w, k, dY, dYOff, cols, 0f, col, 0, cols);
        for (int j = 0; j < s; j++) {
          ConvColumns.col2im(dx, xGroup + j * g.inSize(), col, j * p, cols, g);
        }
      }
    }
  }

  /**
   * dy (s, outC, outH, outW) of one group → wide (outG, s·outH·inW): each output row followed by
   * {@code inW − outW} zeroes, so that output (oh, ow) sits at column oh·inW + ow of its sample.
   */
  private static void widenRows(float[] wide, float[] dy, int dyGroup, ConvGeometry g, int outG, int s) {
    int p = g.outSpatial();
    int samplePixels = g.outH * g.inW;
    int ld = s * samplePixels;
    for (int o = 0; o < outG; o++) {
      for (int j = 0; j < s; j++) {
        int src = dyGroup + j * g.outSize() + o * p;
        int dst = o * ld + j * samplePixels;
        for (int oh = 0; oh < g.outH; oh++, src += g.outW, dst += g.inW) {
          System.arraycopy(dy, src, wide, dst, g.outW);
          java.util.Arrays.fill(wide, dst + g.outW, dst + g.inW, 0f);
        }
      }
    }
  }

  /**
   * W' (inC, outC/groups, kh, kw): per group, W'[c][o][kh−1−ki][kw−1−kj] = W[o][c][ki][kj] — the
   * kernel of dx as a stride-1 convolution of dy.
   */
  private static float[] flipWeights(float[] flipped, float[] params, int wOff, ConvGeometry g) {
    int outG = g.outPerGroup();
    int inG = g.inPerGroup();
    int taps = g.kh * g.kw;
    for (int gi = 0; gi < g.groups; gi++) {
      for (int o = 0; o < outG; o++) {
        for (int c = 0; c < inG; c++) {
          int src = wOff + ((gi * outG + o) * inG + c) * taps;
          int dst = ((gi * inG + c) * outG + o) * taps + taps - 1;
          for (int i = 0; i < taps; i++) {
            flipped[dst - i] = params[src + i];
          }
        }
      }
    }
    return flipped;
  }

  private static void addRow(float[] dst, int dOff, float[] src, int sOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dOff + i] += src[sOff + i];
    }
  }

  /** db[o] += Σ over samples and output pixels of dy[n][o]. */
  private static void biasBackward(float[] dparams, int bOff, float[] dy, ConvGeometry g, int batch) {
    int p = g.outSpatial();
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < g.outC; o++) {
        int row = n * g.outSize() + o * p;
        float s0 = 0f; // four partial sums (i mod 4): four independent chains of adds
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 4 <= p; i += 4) {
          s0 += dy[row + i];
          s1 += dy[row + i + 1];
          s2 += dy[row + i + 2];
          s3 += dy[row + i + 3];
        }
        for (; i < p; i++) {
          s0 += dy[row + i];
        }
        dparams[bOff + o] += (s0 + s1) + (s2 + s3);
      }
    }
  }

  private static void addScalar(float[] a, int off, int n, float v) {
    for (int i = off; i < off + n; i++) {
      a[i] += v;
    }
  }

  /** a = max(a + v, 0) over {@code a[off, off + n)}. */
  private static void addScalarRelu(float[] a, int off, int n, float v) {
    for (int i = off; i < off + n; i++) {
      a[i] = Math.max(a[i] + v, 0f);
    }
  }

  /** Samples per GEMM so that samples·outH·outW reaches {@link #TARGET_COLUMNS}; 1 for the in-place 1×1 path. */
  static int chunkSamples(ConvGeometry g) {
    if (g.isPointwise()) {
      return 1;
    }
    return Math.max(1, (TARGET_COLUMNS + g.outSpatial() - 1) / g.outSpatial());
  }

  /** How many parts the batch is split into: one per thread when there is enough work and > 1 sample. */
  private static int parts(ConvGeometry g, int batch) {
    if (batch < 2 || g.macsPerSample() * batch < PARALLEL_MACS) {
      return 1;
    }
    return Math.min(batch, Parallel.threads());
  }

  /** Start of part {@code part} of {@code count} over {@code batch} samples. */
  private static int split(int batch, int part, int count) {
    return (int) ((long) batch * part / count);
  }

  private static void checkCommon(float[] x, String xName, float[] params, int wOff, int bOff, ConvGeometry g,
                                  int batch) {
    if (g == null) {
      throw new IllegalArgumentException("Conv2d: geometry must not be null");
    }
    if (batch < 0) {
      throw new IllegalArgumentException("Conv2d: batch must be >= 0, got " + batch);
    }
    requireLength(xName, x, (long) batch * g.inSize());
    if (wOff < 0) {
      throw new IllegalArgumentException("Conv2d: weight offset must be >= 0, got " + wOff);
    }
    requireParams(params, "weight", wOff, g.weightCount());
    if (bOff >= 0) {
      requireParams(params, "bias", bOff, g.outC);
    }
  }

  /** As {@link #requireLength} for a parameter block; the message is only built on failure. */
  private static void requireParams(float[] params, String what, int off, int count) {
    if (params == null || params.length < (long) off + count) {
      requireLength("params (" + what + " at " + off + ")", params, (long) off + count);
    }
  }

  private static void requireLength(String name, float[] a, long needed) {
    if (a == null) {
      throw new IllegalArgumentException("Conv2d: " + name + " must not be null");
    }
    if (a.length < needed) {
      throw new IllegalArgumentException("Conv2d: " + name + " needs at least " + needed
          + " elements, got " + a.length);
    }
  }
}
