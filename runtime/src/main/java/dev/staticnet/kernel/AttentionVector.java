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
   * {@code out[oOff + j] = Σ_{e < k} a[aOff + e·aStride] · m[mOff + e·ldm + j]} for {@code j < n}.
   */
  static void rowTimesMatrix(float[] out, int oOff, int n, float[] a, int aOff, int aStride, int k,
                             float[] m, int mOff, int ldm) {
    int bound = S.loopBound(n);
    int j = 0;
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
