package dev.staticnet.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one product the attention heads need on the Vector API path, row vector times matrix:
 * {@code out[j] = Σ_e a[e]·m[e, j]}, vectorised over j with the sum over e in a register, in
 * index order (no lane reductions, so results do not depend on JIT state). A head's matrices are
 * small (T×dh, T×T) and live in L1; this replaces GEMM calls whose packing cost dominated there.
 * Only touched when {@link Gemm#SIMD} is true.
 */
final class AttentionVector {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private AttentionVector() {}

  /**
   * {@code n} rounded up to whole vectors, but at most {@code limit}: how many columns a caller
   * that may write (and later ignore) columns up to {@code limit} should ask for, so that none runs
   * in the scalar tail loop.
   */
  static int wholeVectors(int n, int limit) {
    int vl = S.length();
    return Math.min(limit, (n + vl - 1) / vl * vl);
  }

  /**
   * {@link #rowTimesMatrix} for four rows at once, row r of a at {@code aOff + r·lda} and of out at
   * {@code oOff + r·ldo}: each row of m, loaded once, feeds eight accumulators (four rows, two
   * vectors), where one row's two chains of dependent fmas left the FMA units mostly idle. Each
   * element is summed over e in the same order, so it has the bits {@link #rowTimesMatrix} gives.
   */
  static void rowsTimesMatrix4(float[] out, int oOff, int ldo, int n, float[] a, int aOff, int lda, int aStride,
                               int k, float[] m, int mOff, int ldm) {
    int bound = S.loopBound(n);
    int vl = S.length();
    int j = 0;
    for (; j + 2 * vl <= bound; j += 2 * vl) {
      FloatVector acc00 = FloatVector.zero(S);
      FloatVector acc01 = FloatVector.zero(S);
      FloatVector acc10 = FloatVector.zero(S);
      FloatVector acc11 = FloatVector.zero(S);
      FloatVector acc20 = FloatVector.zero(S);
      FloatVector acc21 = FloatVector.zero(S);
      FloatVector acc30 = FloatVector.zero(S);
      FloatVector acc31 = FloatVector.zero(S);
      for (int e = 0; e < k; e++) {
        int row = mOff + e * ldm + j;
        FloatVector m0 = FloatVector.fromArray(S, m, row);
        FloatVector m1 = FloatVector.fromArray(S, m, row + vl);
        int ae = aOff + e * aStride;
        FloatVector a0 = FloatVector.broadcast(S, a[ae]);
        acc00 = m0.fma(a0, acc00);
        acc01 = m1.fma(a0, acc01);
        FloatVector a1 = FloatVector.broadcast(S, a[ae + lda]);
        acc10 = m0.fma(a1, acc10);
        acc11 = m1.fma(a1, acc11);
        FloatVector a2 = FloatVector.broadcast(S, a[ae + 2 * lda]);
        acc20 = m0.fma(a2, acc20);
        acc21 = m1.fma(a2, acc21);
        FloatVector a3 = FloatVector.broadcast(S, a[ae + 3 * lda]);
        acc30 = m0.fma(a3, acc30);
        acc31 = m1.fma(a3, acc31);
      }
      acc00.intoArray(out, oOff + j);
      acc01.intoArray(out, oOff + j + vl);
      acc10.intoArray(out, oOff + ldo + j);
      acc11.intoArray(out, oOff + ldo + j + vl);
      acc20.intoArray(out, oOff + 2 * ldo + j);
      acc21.intoArray(out, oOff + 2 * ldo + j + vl);
      acc30.intoArray(out, oOff + 3 * ldo + j);
      acc31.intoArray(out, oOff + 3 * ldo + j + vl);
    }
    if (j < n) { // the last columns, row by row
      for (int r = 0; r < 4; r++) {
        rowTimesMatrixFrom(out, oOff + r * ldo, j, n, a, aOff + r * lda, aStride, k, m, mOff, ldm);
      }
    }
  }

  /**
   * {@code out[oOff + j] = Σ_{e < k} a[aOff + e·aStride] · m[mOff + e·ldm + j]} for {@code j < n}.
   */
  static void rowTimesMatrix(float[] out, int oOff, int n, float[] a, int aOff, int aStride, int k,
                             float[] m, int mOff, int ldm) {
    rowTimesMatrixFrom(out, oOff, 0, n, a, aOff, aStride, k, m, mOff, ldm);
  }

  /** {@link #rowTimesMatrix} over the columns {@code [j0, n)} only ({@code j0} a multiple of the vector length). */
  private static void rowTimesMatrixFrom(float[] out, int oOff, int j0, int n, float[] a, int aOff, int aStride,
                                         int k, float[] m, int mOff, int ldm) {
    int bound = j0 + S.loopBound(n - j0);
    int j = j0;
    for (; j + 2 * S.length() <= bound; j += 2 * S.length()) { // two vectors per pass share a[e]
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      for (int e = 0; e < k; e++) {
        FloatVector ae = FloatVector.broadcast(S, a[aOff + e * aStride]);
        int row = mOff + e * ldm + j;
        acc0 = FloatVector.fromArray(S, m, row).fma(ae, acc0);
        acc1 = FloatVector.fromArray(S, m, row + S.length()).fma(ae, acc1);
      }
      acc0.intoArray(out, oOff + j);
      acc1.intoArray(out, oOff + j + S.length());
    }
    for (; j < bound; j += S.length()) {
      FloatVector acc = FloatVector.zero(S);
      for (int e = 0; e < k; e++) {
        acc = FloatVector.fromArray(S, m, mOff + e * ldm + j).fma(FloatVector.broadcast(S, a[aOff + e * aStride]), acc);
      }
      acc.intoArray(out, oOff + j);
    }
    for (; j < n; j++) {
      float sum = 0f;
      for (int e = 0; e < k; e++) {
        sum = Math.fma(a[aOff + e * aStride], m[mOff + e * ldm + j], sum);
      }
      out[oOff + j] = sum;
    }
  }
}
