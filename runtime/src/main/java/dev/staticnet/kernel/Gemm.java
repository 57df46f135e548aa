package dev.staticnet.kernel;

/**
 * Single-precision matrix multiply, the hot spot of every Linear/Conv/attention layer.
 *
 * <p>{@code C(m×n) = op(A)(m×k) · op(B)(k×n) + beta·C}, all row-major, {@code op(X) = Xᵀ} when the
 * flag is set. {@code A} is stored from {@code a[aOff]} with leading dimension {@code lda} (the
 * stride between stored rows), likewise B and C. {@code beta = 0} ignores C's old contents (NaN
 * included), as BLAS does.
 *
 * <p>Paths: tiny products run a plain loop; {@code A·Bᵀ} with few rows runs dot products in place,
 * {@code A·B} with few rows reads B in place (the Vector API path);
 * everything else runs the packed, register-blocked kernel — {@link GemmVector} when the
 * {@code jdk.incubator.vector} module is present (run with {@code --add-modules
 * jdk.incubator.vector}) and not switched off by {@code -Dstaticnet.simd=false}, else
 * {@link GemmScalar}. Large products are split by column (or row) blocks over {@link Parallel}.
 * The path is chosen from (m, n, k) only and the split never changes any element's summation
 * order, so results do not depend on the thread count.
 */
public final class Gemm {
  /** True when the jdk.incubator.vector module is in the boot layer. */
  private static final boolean SIMD_AVAILABLE = vectorModulePresent();
  /** True when the Vector API kernels are used. */
  static final boolean SIMD = SIMD_AVAILABLE && !"false".equals(System.getProperty("staticnet.simd"));
  /** Below this many multiply-adds (m·n·k) a plain loop beats packing. */
  static final long SMALL_WORK = 4 * 1024;
  /** {@code A·Bᵀ} with at most this many rows reads both operands in place instead of packing Bᵀ. */
  static final int NT_MAX_ROWS = 32;
  /** {@code A·B} with at most this many rows reads B in place (Vector API path only). */
  static final int NN_MAX_ROWS = 16;
  /** From this many multiply-adds on, a call is split over the worker threads. */
  static final long PARALLEL_WORK = 1024 * 1024;
  /**
   * In-place {@code A·Bᵀ} streams all of B (a weight matrix, often larger than L2) once per block of
   * rows, so it is memory-bound: it pays to split from this many multiply-adds on (a 1×784·784×500
   * Dense forward at batch 1 is 392K).
   */
  static final long NT_PARALLEL_WORK = 128 * 1024;
  /** Chunks per thread when a call is split, and the narrowest chunk worth an extra one. */
  private static final int CHUNKS_PER_THREAD = 2;
  private static final int MIN_CHUNK = 256;
  /** Column splits fall on multiples of this (whole vector panels). */
  private static final int SPLIT_ALIGN = 64;

  private Gemm() {}

  /** C = op(A)·op(B) + beta·C; see the class comment for the layout. */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
    gemm(SIMD, Parallel.threads(), transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  /** Human-readable name of the path {@link #gemm} takes for large products, for logs and benchmarks. */
  public static String kernelName() {
    return (SIMD ? "vector" : "scalar") + " x" + Parallel.threads() + " threads";
  }

  /** As {@link #gemm}, with the path ({@code simd}) and the thread count chosen by the caller (tests). */
  static void gemm(boolean simd, int threads, boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    if (simd && !SIMD_AVAILABLE) {
      throw new IllegalStateException("the Vector API path needs --add-modules jdk.incubator.vector");
    }
    check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      scale(m, n, beta, c, cOff, ldc);
      return;
    }
    long work = (long) m * n * k;
    if (work < SMALL_WORK) {
      naive(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    InPlace inPlace = !transA && transB && m <= NT_MAX_ROWS ? InPlace.NT
        : !transA && !transB && m <= NN_MAX_ROWS ? InPlace.NN : InPlace.NONE;
    boolean byColumns = n >= 2 * SPLIT_ALIGN || n >= m;
    int span = byColumns ? n : m;
    int align = byColumns ? SPLIT_ALIGN : 8;
    long minWork = inPlace == InPlace.NT ? NT_PARALLEL_WORK : PARALLEL_WORK;
    int parts = work >= minWork && threads > 1 ? chunks(span, align, threads) : 1;
    if (parts <= 1) {
      run(simd, inPlace, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    Split split = SPLIT.get();
    split.set(simd, inPlace, byColumns, span, align, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    try {
      Parallel.run(parts, split);
    } finally {
      split.clear();
    }
  }

  /**
   * C(m×n) = A(m×k)·Wᵀ + beta·C for a weight matrix W (n×k, row stride k) at {@code w[wOff]}, as
   * {@code gemm(false, true, m, n, k, a, aOff, lda, w, wOff, k, beta, c, cOff, ldc)}. With a
   * {@link PackedWeights} cache (inference), products that take the packed kernel read W from panels
   * packed once per change of the weights instead of packing them on every call; the result is the
   * same to the bit, so {@code packed} may be null (training, or pre-packing off).
   */
  public static void gemmWeights(PackedWeights packed, int m, int n, int k, float[] a, int aOff, int lda,
                                 float[] w, int wOff, float beta, float[] c, int cOff, int ldc) {
    gemmWeights(SIMD, Parallel.threads(), packed, m, n, k, a, aOff, lda, w, wOff, beta, c, cOff, ldc);
  }

  /**
   * A Linear layer's product: C(m×n) = A(m×k)·Wᵀ + b, W (n×k, row stride k) at {@code w[wOff]}, b (n)
   * at {@code w[bOff]} ({@code bOff < 0}: no bias; C is overwritten either way). On the packed kernel
   * each C tile starts from the bias on the thread that computes it (a pass filling C with the bias
   * beforehand makes the other core fetch those lines first); elsewhere C is filled with the bias and
   * the product added. The same bits either way. {@code packed} as for {@link #gemmWeights}.
   */
  public static void gemmWeightsBias(PackedWeights packed, int m, int n, int k, float[] a, int aOff, int lda,
                                     float[] w, int wOff, int bOff, float[] c, int cOff, int ldc) {
    gemmWeightsBias(SIMD, Parallel.threads(), packed, m, n, k, a, aOff, lda, w, wOff, bOff, c, cOff, ldc);
  }

  /** As {@link #gemmWeightsBias(PackedWeights, int, int, int, float[], int, int, float[], int, int, float[], int, int)}, path and threads chosen by the caller (tests). */
  static void gemmWeightsBias(boolean simd, int threads, PackedWeights packed, int m, int n, int k, float[] a,
                              int aOff, int lda, float[] w, int wOff, int bOff, float[] c, int cOff, int ldc) {
    if (bOff < 0) {
      gemmWeights(simd, threads, packed, m, n, k, a, aOff, lda, w, wOff, 0f, c, cOff, ldc);
      return;
    }
    check(false, true, m, n, k, a, aOff, lda, w, wOff, k, c, cOff, ldc);
    if ((long) bOff + n > w.length) {
      throw new IllegalArgumentException("gemm: bias needs " + n + " floats from offset " + bOff + ", but the array has "
          + w.length);
    }
    long work = (long) m * n * k;
    if (!simd || work < SMALL_WORK || m <= NT_MAX_ROWS) { // not the packed kernel: fill C with b, then add
      for (int r = 0; r < m; r++) {
        System.arraycopy(w, bOff, c, cOff + r * ldc, n);
      }
      gemmWeights(simd, threads, packed, m, n, k, a, aOff, lda, w, wOff, 1f, c, cOff, ldc);
      return;
    }
    float[] panels = packed == null ? null : packed.panels(w, wOff, k, n);
    packedKernel(threads, m, n, k, a, aOff, lda, w, wOff, panels, 0f, w, bOff, c, cOff, ldc);
  }

  /** As {@link #gemmWeights(PackedWeights, int, int, int, float[], int, int, float[], int, float, float[], int, int)}, path and threads chosen by the caller (tests). */
  static void gemmWeights(boolean simd, int threads, PackedWeights packed, int m, int n, int k,
                          float[] a, int aOff, int lda, float[] w, int wOff, float beta, float[] c, int cOff, int ldc) {
    long work = (long) m * n * k;
    if (packed == null || !simd || work < SMALL_WORK || m <= NT_MAX_ROWS) { // paths that do not pack B
      gemm(simd, threads, false, true, m, n, k, a, aOff, lda, w, wOff, k, beta, c, cOff, ldc);
      return;
    }
    check(false, true, m, n, k, a, aOff, lda, w, wOff, k, c, cOff, ldc);
    gemmPrepacked(threads, m, n, k, a, aOff, lda, packed.panels(w, wOff, k, n), beta, c, cOff, ldc);
  }

  /** Floats that {@link #packWhole} writes for op(B) of k × n (Vector API path). */
  static int packedSize(int k, int n) {
    return GemmVector.packedSize(k, n);
  }

  /**
   * Packs all of op(B) (k × n, stored as for {@link #gemm}) into {@code packed} once, for
   * {@link #gemmPrepacked}: a product repeated with the same B (a recurrent weight over the time steps)
   * then skips the per-call packing. Vector API path only.
   */
  static void packWhole(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed) {
    GemmVector.packWhole(packed, transB, b, bOff, ldb, k, n);
  }

  /**
   * C(m×n) = A(m×k)·B + beta·C with B packed by {@link #packWhole}; split over the threads as the
   * packed path of {@link #gemm} is, with the same bits as that path. Vector API path only.
   */
  static void gemmPrepacked(int threads, int m, int n, int k, float[] a, int aOff, int lda, float[] panels,
                            float beta, float[] c, int cOff, int ldc) {
    packedKernel(threads, m, n, k, a, aOff, lda, null, 0, panels, beta, null, 0, c, cOff, ldc);
  }

  /**
   * C(m×n) = A(m×k)·B + beta·C (or + bias when {@code bias} is not null) on the Vector API's packed
   * kernel, split over the threads as {@link #gemm} splits it. B is {@code panels} packed whole, or, when
   * that is null, Wᵀ for W (n×k, row stride k) at {@code w[wOff]}, packed per call.
   */
  private static void packedKernel(int threads, int m, int n, int k, float[] a, int aOff, int lda, float[] w,
                                   int wOff, float[] panels, float beta, float[] bias, int biasOff,
                                   float[] c, int cOff, int ldc) {
    long work = (long) m * n * k;
    boolean byColumns = n >= 2 * SPLIT_ALIGN || n >= m;
    int span = byColumns ? n : m;
    int align = byColumns ? SPLIT_ALIGN : 8;
    int parts = work >= PARALLEL_WORK && threads > 1 ? chunks(span, align, threads) : 1;
    if (parts <= 1) {
      if (panels != null) {
        GemmVector.gemmPrepacked(false, m, n, k, a, aOff, lda, panels, n, 0, beta, bias, biasOff, c, cOff, ldc);
      } else {
        GemmVector.gemm(false, true, m, n, k, a, aOff, lda, w, wOff, k, beta, bias, biasOff, c, cOff, ldc);
      }
      return;
    }
    Split split = SPLIT.get();
    split.set(true, InPlace.NONE, byColumns, span, align, false, true, m, n, k, a, aOff, lda, w, wOff, k,
        beta, c, cOff, ldc);
    split.prepacked = panels;
    split.bias = bias;
    split.biasOff = biasOff;
    try {
      Parallel.run(parts, split);
    } finally {
      split.clear();
    }
  }

  /** One reusable split task per calling thread, so that a parallel call allocates nothing. */
  private static final ThreadLocal<Split> SPLIT = ThreadLocal.withInitial(Split::new);

  /** A GEMM cut into column blocks of C (or row blocks when C is tall and narrow). */
  private static final class Split implements Parallel.Task {
    private boolean simd;
    private InPlace inPlace;
    private boolean byColumns;
    private int span;
    private int align;
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private int aOff;
    private int lda;
    private float[] b;
    private int bOff;
    private int ldb;
    private float beta;
    private float[] c;
    private int cOff;
    private int ldc;
    /** op(B) packed whole by {@link GemmVector#packWhole} (n columns), or null to pack per call. */
    private float[] prepacked;
    /** Bias added to every row of C (C's tiles start from it), or null. */
    private float[] bias;
    private int biasOff;

    void set(boolean simd, InPlace inPlace, boolean byColumns, int span, int align, boolean transA, boolean transB,
             int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
             float beta, float[] c, int cOff, int ldc) {
      this.simd = simd;
      this.inPlace = inPlace;
      this.byColumns = byColumns;
      this.span = span;
      this.align = align;
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
      this.a = a;
      this.aOff = aOff;
      this.lda = lda;
      this.b = b;
      this.bOff = bOff;
      this.ldb = ldb;
      this.beta = beta;
      this.c = c;
      this.cOff = cOff;
      this.ldc = ldc;
    }

    /** Drops the array references so that a finished call does not keep the caller's buffers alive. */
    void clear() {
      a = null;
      b = null;
      c = null;
      prepacked = null;
      bias = null;
    }

    @Override
    public void run(int part, int count) {
      int from = splitPoint(span, part, count, align);
      int to = splitPoint(span, part + 1, count, align);
      if (from >= to) {
        return;
      }
      // columns [from, to) of op(B) and C, or rows [from, to) of op(A) and C
      int rows = byColumns ? m : to - from;
      int cols = byColumns ? to - from : n;
      int aShift = byColumns ? 0 : transA ? from : from * lda;
      int bShift = !byColumns ? 0 : transB ? from * ldb : from;
      int col0 = byColumns ? from : 0;
      int cShift = byColumns ? from : from * ldc;
      if (prepacked != null) {
        GemmVector.gemmPrepacked(transA, rows, cols, k, a, aOff + aShift, lda, prepacked, n, col0, beta, bias,
            biasOff + col0, c, cOff + cShift, ldc);
      } else if (bias != null) { // the packed kernel, packing per call (inPlace is NONE)
        GemmVector.gemm(transA, transB, rows, cols, k, a, aOff + aShift, lda, b, bOff + bShift, ldb, beta, bias,
            biasOff + col0, c, cOff + cShift, ldc);
      } else {
        Gemm.run(simd, inPlace, transA, transB, rows, cols, k, a, aOff + aShift, lda, b, bOff + bShift, ldb, beta, c,
            cOff + cShift, ldc);
      }
    }
  }

  /** Few-row products that read the operands in place instead of packing them. */
  private enum InPlace { NONE, NT, NN }

  private static void run(boolean simd, InPlace inPlace, boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
    if (simd) {
      if (inPlace == InPlace.NT) {
        GemmVector.gemmNT(m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      } else if (inPlace == InPlace.NN) {
        GemmVector.gemmNN(m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      } else {
        GemmVector.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      }
    } else if (inPlace == InPlace.NT) {
      GemmScalar.gemmNT(m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    } else {
      GemmScalar.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
  }

  /**
   * Parts to split {@code span} into: up to {@value #CHUNKS_PER_THREAD} per thread, claimed
   * dynamically so that a core busy elsewhere does not stall the call, but no narrower than
   * {@value #MIN_CHUNK} unless that leaves a thread idle — each part packs its own copy of the other
   * operand, which costs about 16/width of the arithmetic.
   */
  private static int chunks(int span, int align, int threads) {
    int parts = threads * CHUNKS_PER_THREAD;
    while (parts > threads && span / parts < MIN_CHUNK) {
      parts--;
    }
    return Math.max(1, Math.min(parts, span / align));
  }

  /** Start of part {@code part} of {@code count} over {@code span}, rounded up to {@code align}. */
  private static int splitPoint(int span, int part, int count, int align) {
    if (part >= count) {
      return span;
    }
    long raw = (long) span * part / count;
    return (int) Math.min(span, (raw + align - 1) / align * align);
  }

  /** The textbook loop, for products too small to pay for packing. */
  private static void naive(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
    int aStepI = transA ? 1 : lda; // op(A)[i][p] = a[aOff + i*aStepI + p*aStepP]
    int aStepP = transA ? lda : 1;
    int bStepP = transB ? 1 : ldb; // op(B)[p][j] = b[bOff + p*bStepP + j*bStepJ]
    int bStepJ = transB ? ldb : 1;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0f;
        int ai = aOff + i * aStepI;
        int bj = bOff + j * bStepJ;
        for (int p = 0; p < k; p++) {
          sum += a[ai + p * aStepP] * b[bj + p * bStepP];
        }
        int ci = cOff + i * ldc + j;
        c[ci] = beta == 0f ? sum : sum + beta * c[ci];
      }
    }
  }

  private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, ci, ci + n, 0f);
      } else if (beta != 1f) {
        for (int j = 0; j < n; j++) {
          c[ci + j] *= beta;
        }
      }
    }
  }

  private static void check(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm: sizes must be non-negative, got m=" + m + ", n=" + n + ", k=" + k);
    }
    if (m == 0 || n == 0) {
      return;
    }
    checkMatrix("C", c, cOff, ldc, m, n);
    if (k > 0) {
      checkMatrix(transA ? "A (transposed, stored k x m)" : "A", a, aOff, lda, transA ? k : m, transA ? m : k);
      checkMatrix(transB ? "B (transposed, stored n x k)" : "B", b, bOff, ldb, transB ? n : k, transB ? k : n);
    }
  }

  private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
    if (ld < cols) {
      throw new IllegalArgumentException(
          "gemm: leading dimension of " + name + " must be at least " + cols + " (its stored columns), got " + ld);
    }
    long last = (long) off + (long) (rows - 1) * ld + cols;
    if (off < 0 || last > x.length) {
      throw new IllegalArgumentException("gemm: " + name + " needs " + rows + " x " + cols + " floats from offset "
          + off + " with leading dimension " + ld + " (up to index " + last + "), but the array has " + x.length);
    }
  }

  private static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }
}
