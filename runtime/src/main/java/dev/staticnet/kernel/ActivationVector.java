package dev.staticnet.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops of {@link Activations}: σ, tanh and GELU over whole vectors, the same float
 * operations in the same order as the scalar {@link ActivationMath} forms, so both give the same bits
 * (the caller's scalar loop finishes the tail). Only touched when {@link Gemm#SIMD} is true.
 */
final class ActivationVector {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

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
      FloatVector.fromArray(S, dx, i).add(FloatVector.fromArray(S, dy, i), positive).intoArray(dx, i);
    }
    return bound;
  }

  /** {@code y = σ(x)} over whole vectors of {@code [0, n)}; returns the elements done. */
  static int sigmoid(float[] y, float[] x, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += S.length()) {
      SeqVector.sigmoid(FloatVector.fromArray(S, x, i)).intoArray(y, i);
    }
    return bound;
  }

  /** {@code y = tanh(x)} over whole vectors of {@code [0, n)}; returns the elements done. */
  static int tanh(float[] y, float[] x, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += S.length()) {
      SeqVector.tanh(FloatVector.fromArray(S, x, i)).intoArray(y, i);
    }
    return bound;
  }

  /** {@code y = x·Φ(x)} over whole vectors of {@code [0, n)}; returns the elements done. */
  static int gelu(float[] y, float[] x, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += S.length()) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      v.mul(cdf(v)).intoArray(y, i);
    }
    return bound;
  }

  /** {@code dx += dy·(Φ(x) + x·φ(x))} over whole vectors of {@code [0, n)}; returns the elements done. */
  static int geluBackward(float[] dx, float[] dy, float[] x, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += S.length()) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      FloatVector pdf = SeqVector.exp(v.mul(v).mul(-0.5f)).mul(ActivationMath.INV_SQRT_2PI);
      FloatVector d = cdf(v).add(v.mul(pdf));
      FloatVector.fromArray(S, dy, i).mul(d).add(FloatVector.fromArray(S, dx, i)).intoArray(dx, i);
    }
    return bound;
  }

  /** {@code Φ(x) = ½·erfc(−x/√2)}, as {@link ActivationMath#cdf}. */
  private static FloatVector cdf(FloatVector x) {
    FloatVector u = x.mul(-ActivationMath.SQRT_HALF);
    FloatVector a = u.abs();
    FloatVector t = FloatVector.broadcast(S, 1f).div(a.mul(0.5f).add(1f));
    FloatVector p = t.mul(0.17087277f).sub(0.82215223f);
    p = p.mul(t).add(1.48851587f);
    p = p.mul(t).sub(1.13520398f);
    p = p.mul(t).add(0.27886807f);
    p = p.mul(t).sub(0.18628806f);
    p = p.mul(t).add(0.09678418f);
    p = p.mul(t).add(0.37409196f);
    p = p.mul(t).add(1.00002368f);
    p = p.mul(t).sub(1.26551223f);
    FloatVector tail = t.mul(SeqVector.exp(p.sub(a.mul(a)))); // erfc(|u|)
    FloatVector erfc = tail.blend(FloatVector.broadcast(S, 2f).sub(tail), u.lt(0f));
    return erfc.mul(0.5f);
  }
}
