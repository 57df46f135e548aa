package dev.staticnet.kernel;

/**
 * Scalar GEMM, used when the Vector API is absent or switched off ({@code -Dstaticnet.simd=false}).
 *
 * <p>C2 only auto-vectorises {@code c[j] += a * b[j]} when both arrays are indexed at the same
 * offset, so op(B) is copied block by block into zero-offset row arrays and each row of C is
 * accumulated in a zero-offset row buffer; the k loop is unrolled by four.
 */
final class GemmScalar {
  private static final int KC = 128;
  private static final int NC = 1024;

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private GemmScalar() {}

  /** Rows of one packed block of op(B) plus one row of C, reused by each call on a thread. */
  private static final class Buffers {
    final float[][] b = new float[KC][NC];
    final float[] row = new float[NC];
  }

  /** C(m×n) = op(A)·op(B) + beta·C; see {@link Gemm#gemm}. */
  static void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    Buffers buffers = BUFFERS.get();
    float[][] bRows = buffers.b; // (kc, nc) block of op(B)
    float[] cRow = buffers.row;  // (nc) one row of C
    int aStepI = transA ? 1 : lda; // op(A)[i][p] = a[aOff + i*aStepI + p*aStepP]
    int aStepP = transA ? lda : 1;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packB(bRows, transB, b, bOff, ldb, pc, kc, jc, nc);
        float betaNow = pc == 0 ? beta : 1f;
        for (int i = 0; i < m; i++) {
          int ci = cOff + i * ldc + jc;
          if (betaNow == 0f) {
            java.util.Arrays.fill(cRow, 0, nc, 0f);
          } else {
            for (int j = 0; j < nc; j++) {
              cRow[j] = betaNow * c[ci + j];
            }
          }
          int ai = aOff + i * aStepI + pc * aStepP;
          int p = 0;
          for (; p + 4 <= kc; p += 4, ai += 4 * aStepP) {
            float a0 = a[ai];
            float a1 = a[ai + aStepP];
            float a2 = a[ai + 2 * aStepP];
            float a3 = a[ai + 3 * aStepP];
            float[] b0 = bRows[p];
            float[] b1 = bRows[p + 1];
            float[] b2 = bRows[p + 2];
            float[] b3 = bRows[p + 3];
            for (int j = 0; j < nc; j++) {
              cRow[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
          }
          for (; p < kc; p++, ai += aStepP) {
            float a0 = a[ai];
            float[] b0 = bRows[p];
            for (int j = 0; j < nc; j++) {
              cRow[j] += a0 * b0[j];
            }
          }
          System.arraycopy(cRow, 0, c, ci, nc);
        }
      }
    }
  }

  /** Copies op(B)[pc..pc+kc, jc..jc+nc] into bRows[0..kc][0..nc]. */
  private static void packB(float[][] bRows, boolean transB, float[] b, int bOff, int ldb,
                            int pc, int kc, int jc, int nc) {
    if (!transB) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, bOff + (pc + p) * ldb + jc, bRows[p], 0, nc);
      }
    } else {
      for (int j = 0; j < nc; j++) {
        int src = bOff + (jc + j) * ldb + pc;
        for (int p = 0; p < kc; p++) {
          bRows[p][j] = b[src + p];
        }
      }
    }
  }

  /** C(m×n) = A(m×k)·B(n×k)ᵀ + beta·C as plain dot products (small m: no packing). */
  static void gemmNT(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
    for (int j = 0; j < n; j++) {
      int bj = bOff + j * ldb;
      for (int i = 0; i < m; i++) {
        int ai = aOff + i * lda;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int p = 0;
        for (; p + 4 <= k; p += 4) {
          s0 += a[ai + p] * b[bj + p];
          s1 += a[ai + p + 1] * b[bj + p + 1];
          s2 += a[ai + p + 2] * b[bj + p + 2];
          s3 += a[ai + p + 3] * b[bj + p + 3];
        }
        for (; p < k; p++) {
          s0 += a[ai + p] * b[bj + p];
        }
        float sum = (s0 + s1) + (s2 + s3);
        int ci = cOff + i * ldc + j;
        c[ci] = beta == 0f ? sum : sum + beta * c[ci];
      }
    }
  }
}
