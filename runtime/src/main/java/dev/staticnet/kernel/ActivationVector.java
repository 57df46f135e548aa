package dev.staticnet.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops of {@link Activations}: ReLU, σ and tanh over whole vectors, the same float
 * operations in the same order as the scalar forms, so both give the same bits (the caller's scalar
 * loop finishes the tail). Only touched when {@link Gemm#SIMD} is true. GELU stays scalar
 * (double-precision erfc in {@link Activations}): its erf and two exponentials make a loop body C2 does not inline whole,
 * and a Vector API value passed to a method that is not inlined is boxed on the heap every time.
 */
final class ActivationVector {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final FloatVector ZERO = FloatVector.zero(S);

  private ActivationVector() {}

  /** {@code y = max(x, 0)} over whole vectors of {@code [0, n)}; returns the elements done. */
  static int relu(float[] y, float[] x, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, i).max(0f).intoArray(y, i);
    }
    return bound;
  }

  /** {@code dx += y > 0 ? dy : 0} over whole vectors of {@code [0, n)}; returns the elements done. */
  static int reluBackward(float[] dx, float[] dy, float[] y, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += S.length()) {
      VectorMask<Float> positive = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f);
      FloatVector g = ZERO.blend(FloatVector.fromArray(S, dy, i), positive); // a blend, not a masked add:
      FloatVector.fromArray(S, dx, i).add(g).intoArray(dx, i);                // AVX2 has no masked add
    }
    return bound;
  }

  /** {@code y = σ(x)} over whole vectors of {@code [0, n)}; returns the elements done. */
  static int sigmoid(float[] y, float[] x, int n) {
    return SeqVector.sigmoid(y, 0, x, 0, n);
  }

  /** {@code y = tanh(x)} over whole vectors of {@code [0, n)}; returns the elements done. */
  static int tanh(float[] y, float[] x, int n) {
    return SeqVector.tanh(y, 0, x, 0, n);
  }
}
