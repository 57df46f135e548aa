package dev.staticnet.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API GEMM kernels. Loaded only when the {@code jdk.incubator.vector} module is in the boot
 * layer (see {@link Gemm}); nothing outside this class touches a vector type.
 *
 * <p>{@link #gemm} is the BLIS-style blocked kernel: op(B) is packed into {@code KC x NR} panels
 * (packing absorbs its transpose), and an {@code MR x NR} register tile (8 or 6 rows x 2 vectors) is
 * accumulated by {@code microKernel8}/{@code microKernel6}, which keep their accumulators in one
 * method so that C2 never boxes them. The micro-kernels read op(A) through a row stride and a k
 * stride, so whole MR-row panels of A are read in place, transposed or not; only a block's partial
 * panel (and plain A whose rows are a multiple of 4 KiB apart) is packed ({@link #readsAInPlace}).
 * {@link #gemmPrepacked} runs the same loops on a B packed once ({@link #packWhole}) for weights
 * that are reused.
 *
 * <p>Few-row products skip packing, which would cost more than the multiply: {@link #gemmNN}
 * ({@code A·B}, Dense dx at small batch) reads B's rows in place; {@link #gemmNT} ({@code A·Bᵀ},
 * Dense forward at small batch) reads both operands along k as blocks of 4 (or 2) x 4 dot products.
 *
 * <p>Every element is a fixed sequence of fused multiply-adds, identical in the interpreter, C1 and
 * C2, whatever the column split: results do not depend on the thread that ran them.
 */
final class GemmVector {
  private static final VectorSpecies<Float> S = species(Integer.getInteger("staticnet.vectorBits", 0));
  private static final int VL = S.length();
  /**
   * Register tile: MR rows of C by NR = 2 vectors of columns. 8 x 2 = 16 accumulators need the 32
   * registers of AVX-512; with 256-bit vectors (AVX2, 16 registers) 6 x 2 avoids spilling.
   */
  static final int MR = VL >= 16 ? 8 : 6;
  static final int NR = 2 * VL;
  /** Rows of A per block of dot products in {@link #gemmNT}: 4 x 4 accumulators need 32 registers. */
  private static final int DOT_ROWS = VL >= 16 ? 4 : 2;
  /** Cache blocking: a KC x NR panel of B stays in L1, an MC x KC block of A in L2. */
  private static final int KC = 256;
  private static final int MC = 16 * MR;
  private static final int NC = 2048;

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private GemmVector() {}

  /** Packing buffers of one thread, grown on demand and then reused: no allocation per call. */
  private static final class Buffers {
    float[] a = new float[0];
    float[] b = new float[0];
    final float[] tile = new float[Math.max(MR * NR, 16 * VL)]; // an edge tile, or 4 x 4 dot vectors

    float[] a(int size) {
      if (a.length < size) {
        a = new float[size];
      }
      return a;
    }

    float[] b(int size) {
      if (b.length < size) {
        b = new float[size];
      }
      return b;
    }
  }

  /** Blocked C(m×n) = op(A)·op(B) + beta·C with packed panels; see {@link Gemm#gemm}. */
  static void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, null, 0, c, cOff, ldc);
  }

  /**
   * As {@link #gemm(boolean, boolean, int, int, int, float[], int, int, float[], int, int, float, float[], int, int)},
   * or, when {@code bias} is not null, C = op(A)·op(B) + bias broadcast over the rows (bias[biasOff + j]
   * for column j; beta ignored): each C tile starts from the bias when first written, on the thread
   * that computes it, instead of a pass over C beforehand.
   */
  static void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] bias, int biasOff, float[] c, int cOff, int ldc) {
    Buffers buffers = BUFFERS.get();
    int kcMax = Math.min(KC, k);
    float[] bp = buffers.b(kcMax * Math.min(NC, roundUp(n, NR))); // (n/NR panels, kc, NR)
    float[] ap = buffers.a(Math.min(MC, roundUp(m, MR)) * kcMax); // (m/MR panels, kc, MR) when A is packed
    float[] tile = buffers.tile;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packB(bp, 0, transB, b, bOff, ldb, pc, kc, jc, nc);
        blockTimesPanels(transA, m, nc, pc, kc, a, aOff, lda, ap, bp, 0, beta, bias, biasOff + jc, c, cOff + jc, ldc,
            tile);
      }
    }
  }

  /**
   * One k block of the blocked product: C(m × n) += op(A)[0..m, pc..pc+kc]·(the packed block at
   * {@code bp[block]}, n columns), MC rows of A at a time. Whole MR-row panels of A are read in place,
   * the rest packed into {@code ap}. At the first k block ({@code pc == 0}) each C tile is started
   * (beta·C, or the bias) just before its products are added.
   */
  private static void blockTimesPanels(boolean transA, int m, int n, int pc, int kc, float[] a, int aOff, int lda,
                                       float[] ap, float[] bp, int block, float beta, float[] bias, int biasOff,
                                       float[] c, int cOff, int ldc, float[] tile) {
    boolean inPlace = readsAInPlace(transA, lda);
    for (int ic = 0; ic < m; ic += MC) {
      int mc = Math.min(MC, m - ic);
      int fullRows = inPlace ? mc / MR * MR : 0;
      packA(ap, transA, a, aOff, lda, ic + fullRows, mc - fullRows, pc, kc);
      for (int jr = 0; jr < n; jr += NR) {
        int cols = Math.min(NR, n - jr);
        for (int ir = 0; ir < mc; ir += MR) {
          int rows = Math.min(MR, mc - ir);
          int cIdx = cOff + (ic + ir) * ldc + jr;
          if (pc == 0) { // C = beta·C (or the bias) when the tile is first written, then k blocks add
            start(beta, bias, biasOff + jr, c, cIdx, ldc, rows, cols);
          }
          if (ir < fullRows) { // op(A) read in place: row r of the panel at r·rs, k step p at p·ps
            int aIdx = transA ? aOff + pc * lda + ic + ir : aOff + (ic + ir) * lda + pc;
            tile(kc, a, aIdx, transA ? 1 : lda, transA ? lda : 1, bp, block + jr * kc, c, cIdx, ldc, rows, cols,
                tile);
          } else {
            tile(kc, ap, (ir - fullRows) * kc, 1, MR, bp, block + jr * kc, c, cIdx, ldc, rows, cols, tile);
          }
        }
      }
    }
  }

  /** Floats of a whole pre-packed op(B) with k rows and n columns (see {@link #packWhole}). */
  static int packedSize(int k, int n) {
    return Math.multiplyExact(k, roundUp(n, NR));
  }

  /**
   * Packs all of op(B) (k x n) once, for {@link #gemmPrepacked}: the k blocks of {@code KC} rows one
   * after the other, block {@code pc} at {@code pc * roundUp(n, NR)}, each laid out as {@link #packB}
   * lays out one block. The same panels {@link #gemm} would pack call by call, so the products agree
   * bit for bit.
   */
  static void packWhole(float[] bp, boolean transB, float[] b, int bOff, int ldb, int k, int n) {
    int nPad = roundUp(n, NR);
    for (int pc = 0; pc < k; pc += KC) {
      packB(bp, pc * nPad, transB, b, bOff, ldb, pc, Math.min(KC, k - pc), 0, n);
    }
  }

  /**
   * C(m×n) = op(A)·B + beta·C where B is columns {@code [col0, col0 + n)} of a matrix packed whole by
   * {@link #packWhole} with {@code packedN} columns; {@code col0} is a multiple of {@code NR}. The
   * blocking and every element's order of multiply-adds are those of {@link #gemm}.
   */
  static void gemmPrepacked(boolean transA, int m, int n, int k, float[] a, int aOff, int lda,
                            float[] bp, int packedN, int col0, float beta, float[] bias, int biasOff,
                            float[] c, int cOff, int ldc) {
    if (col0 % NR != 0) {
      throw new IllegalArgumentException("pre-packed columns start on a panel boundary, got " + col0);
    }
    Buffers buffers = BUFFERS.get();
    int kcMax = Math.min(KC, k);
    float[] ap = buffers.a(Math.min(MC, roundUp(m, MR)) * kcMax);
    float[] tile = buffers.tile;
    int nPad = roundUp(packedN, NR);
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      blockTimesPanels(transA, m, n, pc, kc, a, aOff, lda, ap, bp, pc * nPad + col0 * kc, beta, bias, biasOff, c,
          cOff, ldc, tile);
    }
  }

  /** Packs op(B)[pc..pc+kc, jc..jc+nc] as panels of NR columns: bp[bpOff + jr*kc + p*NR + col]. */
  private static void packB(float[] bp, int bpOff, boolean transB, float[] b, int bOff, int ldb,
                            int pc, int kc, int jc, int nc) {
    for (int jr = 0; jr < nc; jr += NR) {
      int cols = Math.min(NR, nc - jr);
      int panel = bpOff + jr * kc;
      if (!transB) { // op(B)[p][j] = b[p*ldb + j]: rows of the panel are contiguous in B
        int src = bOff + pc * ldb + jc + jr;
        if (cols == NR) { // a whole panel: two vector copies per row, no per-row call
          for (int p = 0; p < kc; p++, src += ldb) {
            int dst = panel + p * NR;
            FloatVector.fromArray(S, b, src).intoArray(bp, dst);
            FloatVector.fromArray(S, b, src + VL).intoArray(bp, dst + VL);
          }
          continue;
        }
        for (int p = 0; p < kc; p++, src += ldb) {
          int dst = panel + p * NR;
          System.arraycopy(b, src, bp, dst, cols);
          java.util.Arrays.fill(bp, dst + cols, dst + NR, 0f);
        }
      } else { // op(B)[p][j] = b[j*ldb + p]: each column of the panel is a contiguous run of B
        int col0 = 0;
        for (; col0 + 4 <= cols; col0 += 4) { // four columns at once: four read streams, adjacent writes
          int s0 = bOff + (jc + jr + col0) * ldb + pc;
          int s1 = s0 + ldb;
          int s2 = s1 + ldb;
          int s3 = s2 + ldb;
          for (int p = 0, dst = panel + col0; p < kc; p++, dst += NR) {
            bp[dst] = b[s0 + p];
            bp[dst + 1] = b[s1 + p];
            bp[dst + 2] = b[s2 + p];
            bp[dst + 3] = b[s3 + p];
          }
        }
        for (int col = col0; col < cols; col++) {
          int src = bOff + (jc + jr + col) * ldb + pc;
          for (int p = 0, dst = panel + col; p < kc; p++, dst += NR) {
            bp[dst] = b[src + p];
          }
        }
        for (int col = cols; col < NR; col++) {
          for (int p = 0, dst = panel + col; p < kc; p++, dst += NR) {
            bp[dst] = 0f;
          }
        }
      }
    }
  }

  /**
   * Whether whole MR-row panels of op(A) are read in place by the micro-kernel instead of packed:
   * always for a transposed A (the MR values of one k step are contiguous), and for a plain A unless
   * its rows are a multiple of 4 KiB apart, where the MR row streams would fall into one L1 set.
   */
  private static boolean readsAInPlace(boolean transA, int lda) {
    return transA || lda % 1024 != 0;
  }

  /**
   * Packs rows {@code [row0, row0 + rows)} of op(A) and its k range {@code [pc, pc + kc)} as panels
   * of MR rows, {@code ap[panel·kc·MR + p·MR + row]}, zero below the last row. Only the rows the
   * micro-kernel does not read in place (see {@link #readsAInPlace}).
   */
  private static void packA(float[] ap, boolean transA, float[] a, int aOff, int lda, int row0, int rows,
                            int pc, int kc) {
    int step = transA ? 1 : lda; // op(A)[i + 1][p] − op(A)[i][p]
    for (int ir = 0; ir < rows; ir += MR) {
      int panelRows = Math.min(MR, rows - ir);
      int dst = ir * kc;
      if (!transA && panelRows == 8 && MR == 8) { // a whole 8-row panel: eight read streams, contiguous writes
        int s0 = aOff + (row0 + ir) * lda + pc;
        int s1 = s0 + lda;
        int s2 = s1 + lda;
        int s3 = s2 + lda;
        int s4 = s3 + lda;
        int s5 = s4 + lda;
        int s6 = s5 + lda;
        int s7 = s6 + lda;
        for (int p = 0; p < kc; p++, dst += 8) {
          ap[dst] = a[s0 + p];
          ap[dst + 1] = a[s1 + p];
          ap[dst + 2] = a[s2 + p];
          ap[dst + 3] = a[s3 + p];
          ap[dst + 4] = a[s4 + p];
          ap[dst + 5] = a[s5 + p];
          ap[dst + 6] = a[s6 + p];
          ap[dst + 7] = a[s7 + p];
        }
        continue;
      }
      for (int p = 0; p < kc; p++, dst += MR) {
        int src = transA ? aOff + (pc + p) * lda + row0 + ir : aOff + (row0 + ir) * lda + pc + p;
        for (int row = 0; row < panelRows; row++) {
          ap[dst + row] = a[src + row * step];
        }
        for (int row = panelRows; row < MR; row++) {
          ap[dst + row] = 0f;
        }
      }
    }
  }

  /**
   * C[0..rows, 0..cols] += Σ_p ap[p]·bp[p] over one MR x NR tile at c[cIdx] (row stride ldc). An
   * edge tile (fewer rows or columns) runs the same whole-tile kernel on the zeroed scratch
   * {@code tile} and adds its valid part to C: the micro-kernels keep a single store path, because
   * a Vector API path that C2 compiles without a type profile boxes its vectors (see {@link #scale}).
   */
  private static void tile(int kc, float[] ap, int aIdx, int rs, int ps, float[] bp, int bIdx, float[] c, int cIdx,
                           int ldc, int rows, int cols, float[] tile) {
    boolean whole = rows == MR && cols == NR;
    float[] dst = whole ? c : tile;
    int dIdx = whole ? cIdx : 0;
    int ld = whole ? ldc : NR;
    if (!whole) {
      java.util.Arrays.fill(tile, 0, MR * NR, 0f);
    }
    if (MR == 8) {
      microKernel8(kc, ap, aIdx, rs, ps, bp, bIdx, dst, dIdx, ld);
    } else {
      microKernel6(kc, ap, aIdx, rs, ps, bp, bIdx, dst, dIdx, ld);
    }
    if (!whole) {
      addEdge(tile, c, cIdx, ldc, rows, cols);
    }
  }

  /**
   * C[0..8, 0..NR] += Σ_p ap[p]·bp[p] over one whole 8 x NR tile at c[cIdx] (row stride ldc), 8 rows
   * x 2 vectors of accumulators stored straight from the registers. Written out by hand: vectors
   * must not leave this method.
   */
  private static void microKernel8(int kc, float[] ap, int aIdx, int rs, int ps, float[] bp, int bIdx,
                                   float[] c, int cIdx, int ldc) {
    int r1 = rs;
    int r2 = 2 * rs;
    int r3 = 3 * rs;
    int r4 = 4 * rs;
    int r5 = 5 * rs;
    int r6 = 6 * rs;
    int r7 = 7 * rs;
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    FloatVector c60 = c00;
    FloatVector c61 = c00;
    FloatVector c70 = c00;
    FloatVector c71 = c00;
    for (int p = 0; p < kc; p++, aIdx += ps, bIdx += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
      FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + VL);
      FloatVector av = FloatVector.broadcast(S, ap[aIdx]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = FloatVector.broadcast(S, ap[aIdx + r1]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
      av = FloatVector.broadcast(S, ap[aIdx + r2]);
      c20 = av.fma(b0, c20);
      c21 = av.fma(b1, c21);
      av = FloatVector.broadcast(S, ap[aIdx + r3]);
      c30 = av.fma(b0, c30);
      c31 = av.fma(b1, c31);
      av = FloatVector.broadcast(S, ap[aIdx + r4]);
      c40 = av.fma(b0, c40);
      c41 = av.fma(b1, c41);
      av = FloatVector.broadcast(S, ap[aIdx + r5]);
      c50 = av.fma(b0, c50);
      c51 = av.fma(b1, c51);
      av = FloatVector.broadcast(S, ap[aIdx + r6]);
      c60 = av.fma(b0, c60);
      c61 = av.fma(b1, c61);
      av = FloatVector.broadcast(S, ap[aIdx + r7]);
      c70 = av.fma(b0, c70);
      c71 = av.fma(b1, c71);
    }
    // C += acc straight from the registers (one store path: see scale)
    int r = cIdx;
    FloatVector.fromArray(S, c, r).add(c00).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c01).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c10).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c11).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c20).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c21).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c30).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c31).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c40).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c41).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c50).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c51).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c60).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c61).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c70).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c71).intoArray(c, r + VL);
  }

  /** As {@link #microKernel8} for a whole 6 x NR tile (AVX2: 12 accumulators in 16 registers). */
  private static void microKernel6(int kc, float[] ap, int aIdx, int rs, int ps, float[] bp, int bIdx,
                                   float[] c, int cIdx, int ldc) {
    int r1 = rs;
    int r2 = 2 * rs;
    int r3 = 3 * rs;
    int r4 = 4 * rs;
    int r5 = 5 * rs;
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    for (int p = 0; p < kc; p++, aIdx += ps, bIdx += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
      FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + VL);
      FloatVector av = FloatVector.broadcast(S, ap[aIdx]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = FloatVector.broadcast(S, ap[aIdx + r1]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
      av = FloatVector.broadcast(S, ap[aIdx + r2]);
      c20 = av.fma(b0, c20);
      c21 = av.fma(b1, c21);
      av = FloatVector.broadcast(S, ap[aIdx + r3]);
      c30 = av.fma(b0, c30);
      c31 = av.fma(b1, c31);
      av = FloatVector.broadcast(S, ap[aIdx + r4]);
      c40 = av.fma(b0, c40);
      c41 = av.fma(b1, c41);
      av = FloatVector.broadcast(S, ap[aIdx + r5]);
      c50 = av.fma(b0, c50);
      c51 = av.fma(b1, c51);
    }
    // C += acc straight from the registers (one store path: see scale)
    int r = cIdx;
    FloatVector.fromArray(S, c, r).add(c00).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c01).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c10).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c11).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c20).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c21).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c30).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c31).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c40).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c41).intoArray(c, r + VL);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c50).intoArray(c, r);
    FloatVector.fromArray(S, c, r + VL).add(c51).intoArray(c, r + VL);
  }

  /** C[0..rows, 0..cols] += tile[0..rows, 0..cols] (an edge tile, row stride NR in the tile). */
  private static void addEdge(float[] tile, float[] c, int cIdx, int ldc, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int ci = cIdx + i * ldc;
      int ti = i * NR;
      for (int j = 0; j < cols; j++) {
        c[ci + j] += tile[ti + j];
      }
    }
  }

  /** The start of one C tile before its first k block: {@code scale(beta)}, or each row = bias[from ..]. */
  private static void start(float beta, float[] bias, int from, float[] c, int cIdx, int ldc, int rows, int cols) {
    if (bias == null) {
      scale(beta, c, cIdx, ldc, rows, cols);
      return;
    }
    for (int i = 0; i < rows; i++) {
      System.arraycopy(bias, from, c, cIdx + i * ldc, cols);
    }
  }

  /**
   * C = beta·C over one rows×cols tile, just before the micro-kernel adds the first k block's
   * products into it (so a C that shares memory with rows of A still packed later is written no
   * earlier than before): 0 fills (C is not read, as in BLAS), 1 leaves C alone. This keeps one
   * store path in the micro-kernels: a path of a Vector API method first taken after C2 compiled it
   * has no type profile, and C2 then boxes its vectors.
   */
  private static void scale(float beta, float[] c, int cIdx, int ldc, int rows, int cols) {
    if (beta == 1f) {
      return;
    }
    for (int i = 0; i < rows; i++) {
      int row = cIdx + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, row, row + cols, 0f);
      } else {
        for (int j = row; j < row + cols; j++) {
          c[j] *= beta;
        }
      }
    }
  }

  /**
   * C(m×n) = A(m×k)·B(k×n) + beta·C without packing, for few rows (Dense dx = dy·W at small batch):
   * B is read in place along its rows, MR rows of A at a time. Rows and columns left over at the
   * edges take the same per-element sequence of fused multiply-adds in scalar code, so every
   * element is bit-identical whichever way the columns were split.
   */
  static void gemmNN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
    int nv = n - n % NR; // columns covered by whole register tiles
    int i = 0;
    for (; i + MR <= m; i += MR) {
      int ai = aOff + i * lda;
      for (int j = 0; j < nv; j += NR) {
        int ci = cOff + i * ldc + j;
        if (MR == 8) {
          inPlaceTile8(k, a, ai, lda, b, bOff + j, ldb, beta, c, ci, ldc);
        } else {
          inPlaceTile6(k, a, ai, lda, b, bOff + j, ldb, beta, c, ci, ldc);
        }
      }
    }
    if (i + 4 <= m) { // 4 leftover rows (16, 64 = 6q + 4 at MR 6): one 4-row tile, not four 1-row passes
      int ai = aOff + i * lda;
      for (int j = 0; j < nv; j += NR) {
        inPlaceTile4(k, a, ai, lda, b, bOff + j, ldb, beta, c, cOff + i * ldc + j, ldc);
      }
      i += 4;
    }
    if (i + 2 <= m) {
      int ai = aOff + i * lda;
      for (int j = 0; j < nv; j += NR) {
        inPlaceTile2(k, a, ai, lda, b, bOff + j, ldb, beta, c, cOff + i * ldc + j, ldc);
      }
      i += 2;
    }
    for (; i < m; i++) {
      int ai = aOff + i * lda;
      for (int j = 0; j < nv; j += NR) {
        inPlaceRow(k, a, ai, b, bOff + j, ldb, beta, c, cOff + i * ldc + j);
      }
    }
    for (int r = 0; r < m; r++) { // leftover columns
      int ai = aOff + r * lda;
      for (int j = nv; j < n; j++) {
        float sum = 0f;
        for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
          sum = Math.fma(a[ai + p], b[bp], sum);
        }
        store(c, cOff + r * ldc + j, beta, sum);
      }
    }
  }

  /** One row of C over NR columns: C[j..j+NR] = Σ_p a[ai + p]·B[p][j..] + beta·C. */
  private static void inPlaceRow(int k, float[] a, int ai, float[] b, int bj, int ldb, float beta,
                                 float[] c, int ci) {
    FloatVector c0 = FloatVector.zero(S);
    FloatVector c1 = c0;
    for (int p = 0; p < k; p++, bj += ldb) {
      FloatVector av = FloatVector.broadcast(S, a[ai + p]);
      c0 = av.fma(FloatVector.fromArray(S, b, bj), c0);
      c1 = av.fma(FloatVector.fromArray(S, b, bj + VL), c1);
    }
    if (beta != 0f) {
      FloatVector betaV = FloatVector.broadcast(S, beta);
      c0 = FloatVector.fromArray(S, c, ci).fma(betaV, c0);
      c1 = FloatVector.fromArray(S, c, ci + VL).fma(betaV, c1);
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + VL);
  }

  /** As {@link #inPlaceTile6} for 4 rows (the same per-element sequence of fused multiply-adds). */
  private static void inPlaceTile4(int k, float[] a, int ai, int lda, float[] b, int bj, int ldb, float beta,
                                   float[] c, int ci, int ldc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    int a1 = ai + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    for (int p = 0; p < k; p++, bj += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bj);
      FloatVector b1 = FloatVector.fromArray(S, b, bj + VL);
      FloatVector av = FloatVector.broadcast(S, a[ai + p]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = FloatVector.broadcast(S, a[a1 + p]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
      av = FloatVector.broadcast(S, a[a2 + p]);
      c20 = av.fma(b0, c20);
      c21 = av.fma(b1, c21);
      av = FloatVector.broadcast(S, a[a3 + p]);
      c30 = av.fma(b0, c30);
      c31 = av.fma(b1, c31);
    }
    if (beta != 0f) { // C = acc + beta·C
      FloatVector betaV = FloatVector.broadcast(S, beta);
      int r = ci;
      c00 = FloatVector.fromArray(S, c, r).fma(betaV, c00);
      c01 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c01);
      r += ldc;
      c10 = FloatVector.fromArray(S, c, r).fma(betaV, c10);
      c11 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c11);
      r += ldc;
      c20 = FloatVector.fromArray(S, c, r).fma(betaV, c20);
      c21 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c21);
      r += ldc;
      c30 = FloatVector.fromArray(S, c, r).fma(betaV, c30);
      c31 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c31);
    }
    int r = ci;
    c00.intoArray(c, r);
    c01.intoArray(c, r + VL);
    r += ldc;
    c10.intoArray(c, r);
    c11.intoArray(c, r + VL);
    r += ldc;
    c20.intoArray(c, r);
    c21.intoArray(c, r + VL);
    r += ldc;
    c30.intoArray(c, r);
    c31.intoArray(c, r + VL);
  }

  /** As {@link #inPlaceTile6} for 2 rows. */
  private static void inPlaceTile2(int k, float[] a, int ai, int lda, float[] b, int bj, int ldb, float beta,
                                   float[] c, int ci, int ldc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    int a1 = ai + lda;
    for (int p = 0; p < k; p++, bj += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bj);
      FloatVector b1 = FloatVector.fromArray(S, b, bj + VL);
      FloatVector av = FloatVector.broadcast(S, a[ai + p]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = FloatVector.broadcast(S, a[a1 + p]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
    }
    if (beta != 0f) { // C = acc + beta·C
      FloatVector betaV = FloatVector.broadcast(S, beta);
      c00 = FloatVector.fromArray(S, c, ci).fma(betaV, c00);
      c01 = FloatVector.fromArray(S, c, ci + VL).fma(betaV, c01);
      c10 = FloatVector.fromArray(S, c, ci + ldc).fma(betaV, c10);
      c11 = FloatVector.fromArray(S, c, ci + ldc + VL).fma(betaV, c11);
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + VL);
    c10.intoArray(c, ci + ldc);
    c11.intoArray(c, ci + ldc + VL);
  }

  /**
   * C[i..i+8, j..j+NR] = Σ_p A[i+r][p]·B[p][j..] + beta·C, reading A rows at ai + r·lda and B rows
   * at bj + p·ldb in place; 8 rows x 2 vectors of accumulators kept in this method.
   */
  private static void inPlaceTile8(int k, float[] a, int ai, int lda, float[] b, int bj, int ldb, float beta,
                                   float[] c, int ci, int ldc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    FloatVector c60 = c00;
    FloatVector c61 = c00;
    FloatVector c70 = c00;
    FloatVector c71 = c00;
    int a1 = ai + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int a4 = a3 + lda;
    int a5 = a4 + lda;
    int a6 = a5 + lda;
    int a7 = a6 + lda;
    for (int p = 0; p < k; p++, bj += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bj);
      FloatVector b1 = FloatVector.fromArray(S, b, bj + VL);
      FloatVector av = FloatVector.broadcast(S, a[ai + p]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = FloatVector.broadcast(S, a[a1 + p]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
      av = FloatVector.broadcast(S, a[a2 + p]);
      c20 = av.fma(b0, c20);
      c21 = av.fma(b1, c21);
      av = FloatVector.broadcast(S, a[a3 + p]);
      c30 = av.fma(b0, c30);
      c31 = av.fma(b1, c31);
      av = FloatVector.broadcast(S, a[a4 + p]);
      c40 = av.fma(b0, c40);
      c41 = av.fma(b1, c41);
      av = FloatVector.broadcast(S, a[a5 + p]);
      c50 = av.fma(b0, c50);
      c51 = av.fma(b1, c51);
      av = FloatVector.broadcast(S, a[a6 + p]);
      c60 = av.fma(b0, c60);
      c61 = av.fma(b1, c61);
      av = FloatVector.broadcast(S, a[a7 + p]);
      c70 = av.fma(b0, c70);
      c71 = av.fma(b1, c71);
    }
    if (beta != 0f) { // C = acc + beta·C
      FloatVector betaV = FloatVector.broadcast(S, beta);
      int r = ci;
      c00 = FloatVector.fromArray(S, c, r).fma(betaV, c00);
      c01 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c01);
      r += ldc;
      c10 = FloatVector.fromArray(S, c, r).fma(betaV, c10);
      c11 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c11);
      r += ldc;
      c20 = FloatVector.fromArray(S, c, r).fma(betaV, c20);
      c21 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c21);
      r += ldc;
      c30 = FloatVector.fromArray(S, c, r).fma(betaV, c30);
      c31 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c31);
      r += ldc;
      c40 = FloatVector.fromArray(S, c, r).fma(betaV, c40);
      c41 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c41);
      r += ldc;
      c50 = FloatVector.fromArray(S, c, r).fma(betaV, c50);
      c51 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c51);
      r += ldc;
      c60 = FloatVector.fromArray(S, c, r).fma(betaV, c60);
      c61 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c61);
      r += ldc;
      c70 = FloatVector.fromArray(S, c, r).fma(betaV, c70);
      c71 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c71);
    }
    int r = ci;
    c00.intoArray(c, r);
    c01.intoArray(c, r + VL);
    r += ldc;
    c10.intoArray(c, r);
    c11.intoArray(c, r + VL);
    r += ldc;
    c20.intoArray(c, r);
    c21.intoArray(c, r + VL);
    r += ldc;
    c30.intoArray(c, r);
    c31.intoArray(c, r + VL);
    r += ldc;
    c40.intoArray(c, r);
    c41.intoArray(c, r + VL);
    r += ldc;
    c50.intoArray(c, r);
    c51.intoArray(c, r + VL);
    r += ldc;
    c60.intoArray(c, r);
    c61.intoArray(c, r + VL);
    r += ldc;
    c70.intoArray(c, r);
    c71.intoArray(c, r + VL);
  }

  /**
   * C[i..i+6, j..j+NR] = Σ_p A[i+r][p]·B[p][j..] + beta·C, reading A rows at ai + r·lda and B rows
   * at bj + p·ldb in place; 6 rows x 2 vectors of accumulators kept in this method.
   */
  private static void inPlaceTile6(int k, float[] a, int ai, int lda, float[] b, int bj, int ldb, float beta,
                                   float[] c, int ci, int ldc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    int a1 = ai + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int a4 = a3 + lda;
    int a5 = a4 + lda;
    for (int p = 0; p < k; p++, bj += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bj);
      FloatVector b1 = FloatVector.fromArray(S, b, bj + VL);
      FloatVector av = FloatVector.broadcast(S, a[ai + p]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = FloatVector.broadcast(S, a[a1 + p]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
      av = FloatVector.broadcast(S, a[a2 + p]);
      c20 = av.fma(b0, c20);
      c21 = av.fma(b1, c21);
      av = FloatVector.broadcast(S, a[a3 + p]);
      c30 = av.fma(b0, c30);
      c31 = av.fma(b1, c31);
      av = FloatVector.broadcast(S, a[a4 + p]);
      c40 = av.fma(b0, c40);
      c41 = av.fma(b1, c41);
      av = FloatVector.broadcast(S, a[a5 + p]);
      c50 = av.fma(b0, c50);
      c51 = av.fma(b1, c51);
    }
    if (beta != 0f) { // C = acc + beta·C
      FloatVector betaV = FloatVector.broadcast(S, beta);
      int r = ci;
      c00 = FloatVector.fromArray(S, c, r).fma(betaV, c00);
      c01 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c01);
      r += ldc;
      c10 = FloatVector.fromArray(S, c, r).fma(betaV, c10);
      c11 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c11);
      r += ldc;
      c20 = FloatVector.fromArray(S, c, r).fma(betaV, c20);
      c21 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c21);
      r += ldc;
      c30 = FloatVector.fromArray(S, c, r).fma(betaV, c30);
      c31 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c31);
      r += ldc;
      c40 = FloatVector.fromArray(S, c, r).fma(betaV, c40);
      c41 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c41);
      r += ldc;
      c50 = FloatVector.fromArray(S, c, r).fma(betaV, c50);
      c51 = FloatVector.fromArray(S, c, r + VL).fma(betaV, c51);
    }
    int r = ci;
    c00.intoArray(c, r);
    c01.intoArray(c, r + VL);
    r += ldc;
    c10.intoArray(c, r);
    c11.intoArray(c, r + VL);
    r += ldc;
    c20.intoArray(c, r);
    c21.intoArray(c, r + VL);
    r += ldc;
    c30.intoArray(c, r);
    c31.intoArray(c, r + VL);
    r += ldc;
    c40.intoArray(c, r);
    c41.intoArray(c, r + VL);
    r += ldc;
    c50.intoArray(c, r);
    c51.intoArray(c, r + VL);
  }

  /**
   * C(m×n) = A(m×k)·B(n×k)ᵀ + beta·C without packing: 4 x 4 blocks of dot products along k, B's
   * four rows reused from L1 while A's rows stream past. For small m, where packing Bᵀ would cost
   * more than the multiply.
   */
  static void gemmNT(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
    float[] sums = BUFFERS.get().tile;
    if (m < DOT_ROWS) { // too few rows for a block: one row at a time, 8 (or 4) rows of B per pass
      for (int i = 0; i < m; i++) {
        int ai = aOff + i * lda;
        int ci = cOff + i * ldc;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
          dot1x8(k, a, ai, b, bOff + j * ldb, ldb, beta, c, ci + j, sums);
        }
        for (; j + 4 <= n; j += 4) {
          dot1x4(k, a, ai, b, bOff + j * ldb, ldb, beta, c, ci + j, sums);
        }
        for (; j < n; j++) {
          store(c, ci + j, beta, dot(k, a, ai, b, bOff + j * ldb, sums));
        }
      }
      return;
    }
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      int i = 0;
      for (; i + DOT_ROWS <= m; i += DOT_ROWS) {
        int ai = aOff + i * lda;
        int ci = cOff + i * ldc + j;
        if (DOT_ROWS == 4) {
          dot4x4(k, a, ai, lda, b, bOff + j * ldb, ldb, beta, c, ci, ldc, sums);
        } else {
          dot2x4(k, a, ai, lda, b, bOff + j * ldb, ldb, beta, c, ci, ldc, sums);
        }
      }
      for (; i < m; i++) {
        dot1x4(k, a, aOff + i * lda, b, bOff + j * ldb, ldb, beta, c, cOff + i * ldc + j, sums);
      }
    }
    for (; j < n; j++) {
      for (int i = 0; i < m; i++) {
        store(c, cOff + i * ldc + j, beta, dot(k, a, aOff + i * lda, b, bOff + j * ldb, sums));
      }
    }
  }

  private static void store(float[] c, int idx, float beta, float sum) {
    c[idx] = beta == 0f ? sum : Math.fma(beta, c[idx], sum);
  }

  /** Σ_p a[ai+p]·b[bi+p] over k. */
  private static float dot(int k, float[] a, int ai, float[] b, int bi, float[] lanes) {
    FloatVector acc = FloatVector.zero(S);
    int kv = S.loopBound(k);
    int p = 0;
    for (; p < kv; p += VL) {
      acc = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), acc);
    }
    acc.intoArray(lanes, 0);
    float sum = laneSum(lanes, 0);
    for (; p < k; p++) {
      sum = Math.fma(a[ai + p], b[bi + p], sum);
    }
    return sum;
  }

  /**
   * C[s] = Σ_p a[ai+p]·B[s][p] + beta·C[s] for s &lt; 8 (B rows at bi + s·ldb, C at ci): one row of A
   * against 8 rows of B, 8 independent accumulators, each element summed exactly as {@link #dot}
   * sums it. Vectors must not leave this method.
   */
  private static void dot1x8(int k, float[] a, int ai, float[] b, int bi, int ldb, float beta,
                             float[] c, int ci, float[] sums) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    FloatVector s4 = s0;
    FloatVector s5 = s0;
    FloatVector s6 = s0;
    FloatVector s7 = s0;
    int b0 = bi;
    int b1 = b0 + ldb;
    int b2 = b1 + ldb;
    int b3 = b2 + ldb;
    int b4 = b3 + ldb;
    int b5 = b4 + ldb;
    int b6 = b5 + ldb;
    int b7 = b6 + ldb;
    int kv = S.loopBound(k);
    int p = 0;
    for (; p < kv; p += VL) {
      FloatVector x = FloatVector.fromArray(S, a, ai + p);
      s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
      s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
      s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
      s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
      s4 = x.fma(FloatVector.fromArray(S, b, b4 + p), s4);
      s5 = x.fma(FloatVector.fromArray(S, b, b5 + p), s5);
      s6 = x.fma(FloatVector.fromArray(S, b, b6 + p), s6);
      s7 = x.fma(FloatVector.fromArray(S, b, b7 + p), s7);
    }
    s0.intoArray(sums, 0 * VL);
    s1.intoArray(sums, 1 * VL);
    s2.intoArray(sums, 2 * VL);
    s3.intoArray(sums, 3 * VL);
    s4.intoArray(sums, 4 * VL);
    s5.intoArray(sums, 5 * VL);
    s6.intoArray(sums, 6 * VL);
    s7.intoArray(sums, 7 * VL);
    for (int s = 0; s < 8; s++) {
      int br = bi + s * ldb;
      float sum = laneSum(sums, s * VL);
      for (int q = p; q < k; q++) {
        sum = Math.fma(a[ai + q], b[br + q], sum);
      }
      store(c, ci + s, beta, sum);
    }
  }

  /**
   * C[s] = Σ_p a[ai+p]·B[s][p] + beta·C[s] for s &lt; 4 (B rows at bi + s·ldb, C at ci): one row of A
   * against 4 rows of B, 4 independent accumulators, each element summed exactly as {@link #dot}
   * sums it. Vectors must not leave this method.
   */
  private static void dot1x4(int k, float[] a, int ai, float[] b, int bi, int ldb, float beta,
                             float[] c, int ci, float[] sums) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    int b0 = bi;
    int b1 = b0 + ldb;
    int b2 = b1 + ldb;
    int b3 = b2 + ldb;
    int kv = S.loopBound(k);
    int p = 0;
    for (; p < kv; p += VL) {
      FloatVector x = FloatVector.fromArray(S, a, ai + p);
      s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
      s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
      s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
      s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
    }
    s0.intoArray(sums, 0 * VL);
    s1.intoArray(sums, 1 * VL);
    s2.intoArray(sums, 2 * VL);
    s3.intoArray(sums, 3 * VL);
    for (int s = 0; s < 4; s++) {
      int br = bi + s * ldb;
      float sum = laneSum(sums, s * VL);
      for (int q = p; q < k; q++) {
        sum = Math.fma(a[ai + q], b[br + q], sum);
      }
      store(c, ci + s, beta, sum);
    }
  }

  /**
   * C[r][s] = Σ_p A[r][p]·B[s][p] + beta·C[r][s] for r &lt; 4, s &lt; 4; A rows at ai + r·lda, B rows at
   * bi + s·ldb, C at ci. 16 accumulators: vectors must not leave this method.
   */
  private static void dot4x4(int k, float[] a, int ai, int lda, float[] b, int bi, int ldb, float beta,
                             float[] c, int ci, int ldc, float[] sums) {
    FloatVector s00 = FloatVector.zero(S);
    FloatVector s01 = s00;
    FloatVector s02 = s00;
    FloatVector s03 = s00;
    FloatVector s10 = s00;
    FloatVector s11 = s00;
    FloatVector s12 = s00;
    FloatVector s13 = s00;
    FloatVector s20 = s00;
    FloatVector s21 = s00;
    FloatVector s22 = s00;
    FloatVector s23 = s00;
    FloatVector s30 = s00;
    FloatVector s31 = s00;
    FloatVector s32 = s00;
    FloatVector s33 = s00;
    int b1 = bi + ldb;
    int b2 = b1 + ldb;
    int b3 = b2 + ldb;
    int a1 = ai + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int kv = S.loopBound(k);
    int p = 0;
    for (; p < kv; p += VL) {
      FloatVector w0 = FloatVector.fromArray(S, b, bi + p);
      FloatVector w1 = FloatVector.fromArray(S, b, b1 + p);
      FloatVector w2 = FloatVector.fromArray(S, b, b2 + p);
      FloatVector w3 = FloatVector.fromArray(S, b, b3 + p);
      FloatVector x = FloatVector.fromArray(S, a, ai + p);
      s00 = x.fma(w0, s00);
      s01 = x.fma(w1, s01);
      s02 = x.fma(w2, s02);
      s03 = x.fma(w3, s03);
      x = FloatVector.fromArray(S, a, a1 + p);
      s10 = x.fma(w0, s10);
      s11 = x.fma(w1, s11);
      s12 = x.fma(w2, s12);
      s13 = x.fma(w3, s13);
      x = FloatVector.fromArray(S, a, a2 + p);
      s20 = x.fma(w0, s20);
      s21 = x.fma(w1, s21);
      s22 = x.fma(w2, s22);
      s23 = x.fma(w3, s23);
      x = FloatVector.fromArray(S, a, a3 + p);
      s30 = x.fma(w0, s30);
      s31 = x.fma(w1, s31);
      s32 = x.fma(w2, s32);
      s33 = x.fma(w3, s33);
    }
    s00.intoArray(sums, 0 * VL);
    s01.intoArray(sums, 1 * VL);
    s02.intoArray(sums, 2 * VL);
    s03.intoArray(sums, 3 * VL);
    s10.intoArray(sums, 4 * VL);
    s11.intoArray(sums, 5 * VL);
    s12.intoArray(sums, 6 * VL);
    s13.intoArray(sums, 7 * VL);
    s20.intoArray(sums, 8 * VL);
    s21.intoArray(sums, 9 * VL);
    s22.intoArray(sums, 10 * VL);
    s23.intoArray(sums, 11 * VL);
    s30.intoArray(sums, 12 * VL);
    s31.intoArray(sums, 13 * VL);
    s32.intoArray(sums, 14 * VL);
    s33.intoArray(sums, 15 * VL);
    for (int r = 0; r < 4; r++) {
      int ar = ai + r * lda;
      for (int s = 0; s < 4; s++) {
        int br = bi + s * ldb;
        float sum = laneSum(sums, (r * 4 + s) * VL);
        for (int q = p; q < k; q++) {
          sum = Math.fma(a[ar + q], b[br + q], sum);
        }
        store(c, ci + r * ldc + s, beta, sum);
      }
    }
  }

  /**
   * C[r][s] = Σ_p A[r][p]·B[s][p] + beta·C[r][s] for r &lt; 2, s &lt; 4; A rows at ai + r·lda, B rows at
   * bi + s·ldb, C at ci. 8 accumulators: vectors must not leave this method.
   */
  private static void dot2x4(int k, float[] a, int ai, int lda, float[] b, int bi, int ldb, float beta,
                             float[] c, int ci, int ldc, float[] sums) {
    FloatVector s00 = FloatVector.zero(S);
    FloatVector s01 = s00;
    FloatVector s02 = s00;
    FloatVector s03 = s00;
    FloatVector s10 = s00;
    FloatVector s11 = s00;
    FloatVector s12 = s00;
    FloatVector s13 = s00;
    int b1 = bi + ldb;
    int b2 = b1 + ldb;
    int b3 = b2 + ldb;
    int a1 = ai + lda;
    int kv = S.loopBound(k);
    int p = 0;
    for (; p < kv; p += VL) {
      FloatVector w0 = FloatVector.fromArray(S, b, bi + p);
      FloatVector w1 = FloatVector.fromArray(S, b, b1 + p);
      FloatVector w2 = FloatVector.fromArray(S, b, b2 + p);
      FloatVector w3 = FloatVector.fromArray(S, b, b3 + p);
      FloatVector x = FloatVector.fromArray(S, a, ai + p);
      s00 = x.fma(w0, s00);
      s01 = x.fma(w1, s01);
      s02 = x.fma(w2, s02);
      s03 = x.fma(w3, s03);
      x = FloatVector.fromArray(S, a, a1 + p);
      s10 = x.fma(w0, s10);
      s11 = x.fma(w1, s11);
      s12 = x.fma(w2, s12);
      s13 = x.fma(w3, s13);
    }
    s00.intoArray(sums, 0 * VL);
    s01.intoArray(sums, 1 * VL);
    s02.intoArray(sums, 2 * VL);
    s03.intoArray(sums, 3 * VL);
    s10.intoArray(sums, 4 * VL);
    s11.intoArray(sums, 5 * VL);
    s12.intoArray(sums, 6 * VL);
    s13.intoArray(sums, 7 * VL);
    for (int r = 0; r < 2; r++) {
      int ar = ai + r * lda;
      for (int s = 0; s < 4; s++) {
        int br = bi + s * ldb;
        float sum = laneSum(sums, (r * 4 + s) * VL);
        for (int q = p; q < k; q++) {
          sum = Math.fma(a[ar + q], b[br + q], sum);
        }
        store(c, ci + r * ldc + s, beta, sum);
      }
    }
  }

  /**
   * Sum of the VL lanes stored at sums[from], in lane order. Not {@code reduceLanes(ADD)}: its order
   * is unspecified and differs between the interpreter and C2, which would make results depend on
   * which thread (and which compiled version) ran a chunk.
   */
  private static float laneSum(float[] sums, int from) {
    float sum = 0f;
    for (int l = 0; l < VL; l++) {
      sum += sums[from + l];
    }
    return sum;
  }

  /**
   * The machine's preferred species, or the given width (a diagnostic knob: tests run the AVX-512
   * kernels on an AVX2 machine with {@code -Dstaticnet.vectorBits=512}, slowly but exactly).
   */
  private static VectorSpecies<Float> species(int bits) {
    switch (bits) {
      case 0:
        return FloatVector.SPECIES_PREFERRED;
      case 128:
        return FloatVector.SPECIES_128;
      case 256:
        return FloatVector.SPECIES_256;
      case 512:
        return FloatVector.SPECIES_512;
      default:
        throw new IllegalArgumentException("staticnet.vectorBits must be 128, 256 or 512, got " + bits);
    }
  }

  private static int roundUp(int x, int to) {
    return (x + to - 1) / to * to;
  }
}
