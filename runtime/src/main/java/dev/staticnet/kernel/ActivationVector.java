package dev.staticnet.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops of {@link Activations}: ReLU, σ, tanh and GELU over whole vectors, the same
 * float operations in the same order as the scalar forms, so both give the same bits (the caller's
 * scalar loop finishes the tail). Only touched when {@link Gemm#SIMD} is true.
 *
 * <p>GELU's loops follow {@link SeqVector}'s rules for keeping every vector in a register (no method
 * takes or returns a vector, no vector is assigned in a branch) and one more: a loop body must stay
 * small. C2 parses each force-inlined Vector API call at several hundred IR nodes; past its inlining
 * node budget (18,000 nodes on JDK 17) it defers the remaining calls, and a deferred call on a vector
 * whose exact class is not known needs a speculative type check. C2 stops speculating once the
 * Vector API methods it has inlined, shared by every kernel, have recorded {@code PerMethodTrapLimit}
 * (100) deoptimisations between them, counted once per inlining; other kernels' warm-up provides
 * them. The deferred call then stays a virtual call and its vectors are boxed: a first version of
 * these loops (about 50 operations, scalar constants) kept its vectors in registers in a loop of its
 * own and boxed about 80 bytes per element inside the transformer benchmark. Hence: constants are
 * {@code static final} vectors used as operands (a scalar operand adds a broadcast to parse),
 * polynomials are Horner chains of fma, and GELU' is a loop of its own ({@link #geluDerivative}) with
 * the products added by another ({@link #addProducts}). Each GELU loop makes about 34 Vector API
 * calls. Measured under the worst case, {@code -XX:PerMethodTrapLimit=0} (no speculation at all), on
 * JDK 17: no call is deferred with up to two more operations, and vectors are boxed from five more.
 */
final class ActivationVector {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final FloatVector ZERO = FloatVector.zero(S);
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
  private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());

  /* GELU's constants as vectors, used as operands only (see the class comment). */
  private static final FloatVector X2_MAX = FloatVector.broadcast(S, Activations.GELU_X2_MAX);
  private static final FloatVector NEG_HALF_LOG2E = FloatVector.broadcast(S, Activations.GELU_NEG_HALF_LOG2E);
  private static final FloatVector TWO_LN2 = FloatVector.broadcast(S, Activations.GELU_TWO_LN2);
  private static final FloatVector ROUND = FloatVector.broadcast(S, Activations.GELU_ROUND);
  private static final FloatVector K = FloatVector.broadcast(S, Activations.GELU_K);
  private static final FloatVector P0 = FloatVector.broadcast(S, Activations.GELU_P0);
  private static final FloatVector P1 = FloatVector.broadcast(S, Activations.GELU_P1);
  private static final FloatVector P2 = FloatVector.broadcast(S, Activations.GELU_P2);
  private static final FloatVector P3 = FloatVector.broadcast(S, Activations.GELU_P3);
  private static final FloatVector P4 = FloatVector.broadcast(S, Activations.GELU_P4);
  private static final FloatVector P5 = FloatVector.broadcast(S, Activations.GELU_P5);
  private static final FloatVector P6 = FloatVector.broadcast(S, Activations.GELU_P6);
  private static final FloatVector R0 = FloatVector.broadcast(S, Activations.GELU_R0);
  private static final FloatVector R1 = FloatVector.broadcast(S, Activations.GELU_R1);
  private static final FloatVector R2 = FloatVector.broadcast(S, Activations.GELU_R2);
  private static final FloatVector R3 = FloatVector.broadcast(S, Activations.GELU_R3);
  private static final FloatVector R4 = FloatVector.broadcast(S, Activations.GELU_R4);
  private static final FloatVector R5 = FloatVector.broadcast(S, Activations.GELU_R5);
  private static final FloatVector R6 = FloatVector.broadcast(S, Activations.GELU_R6);
  private static final FloatVector R7 = FloatVector.broadcast(S, Activations.GELU_R7);
  private static final FloatVector R8 = FloatVector.broadcast(S, Activations.GELU_R8);

  private ActivationVector() {}

  /** {@code y = max(x, 0)} over whole vectors of {@code [0, n)}; returns the elements done. */
  static int relu(float[] y, float[] x, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, i).max(0f).intoArray(y, i);
    }
    return bound;
  }

  /**
   * {@code dx += y > 0 ? dy : 0}, or {@code dx = …} unless {@code accumulate} (then dx may be dy), over
   * whole vectors of {@code [0, n)}; returns the elements done.
   */
  static int reluBackward(float[] dx, float[] dy, float[] y, int n, boolean accumulate) {
    int bound = S.loopBound(n);
    if (accumulate) {
      for (int i = 0; i < bound; i += S.length()) {
        VectorMask<Float> positive = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f);
        FloatVector g = ZERO.blend(FloatVector.fromArray(S, dy, i), positive); // a blend, not a masked add:
        FloatVector.fromArray(S, dx, i).add(g).intoArray(dx, i);                // AVX2 has no masked add
      }
    } else {
      for (int i = 0; i < bound; i += S.length()) {
        VectorMask<Float> positive = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f);
        ZERO.blend(FloatVector.fromArray(S, dy, i), positive).intoArray(dx, i);
      }
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

  /**
   * {@code y[off + j] = GELU(x[off + j]) = x·Φ(x)} over the whole vectors of {@code j < n}, the float
   * operations of {@link Activations#gelu}; returns the elements done.
   */
  static int gelu(float[] y, float[] xs, int off, int n) {
    int bound = S.loopBound(n);
    for (int j = 0; j < bound; j += S.length()) {
      FloatVector x = FloatVector.fromArray(S, xs, off + j);
      // φ(x), as Activations.pdf
      FloatVector x2 = x.mul(x).min(X2_MAX);
      FloatVector shifted = x2.fma(NEG_HALF_LOG2E, ROUND);
      FloatVector r2 = shifted.sub(ROUND).fma(TWO_LN2, x2);
      FloatVector pe = r2.fma(P6, P5);
      pe = pe.fma(r2, P4);
      pe = pe.fma(r2, P3);
      pe = pe.fma(r2, P2);
      pe = pe.fma(r2, P1);
      pe = pe.fma(r2, P0);
      IntVector bits = (IntVector) shifted.reinterpretShape(INTS, 0);
      FloatVector pdf = pe.mul((FloatVector) bits.lanewise(VectorOperators.LSHL, 23).reinterpretShape(S, 0));
      // Φ(x), as Activations.cdf
      FloatVector u = x2.sqrt().mul(K);
      FloatVector s = u.div(u.add(ONE));
      FloatVector p = s.fma(R8, R7);
      p = p.fma(s, R6);
      p = p.fma(s, R5);
      p = p.fma(s, R4);
      p = p.fma(s, R3);
      p = p.fma(s, R2);
      p = p.fma(s, R1);
      p = p.fma(s, R0);
      FloatVector q = pdf.mul(p); // ½·erfc(|x|/√2)
      FloatVector cdf = ONE.sub(q).blend(q, x.lt(ZERO));
      x.mul(cdf).intoArray(y, off + j);
    }
    return bound;
  }

  /**
   * {@code d[j] = GELU'(x[off + j]) = Φ(x) + x·φ(x)} over the whole vectors of {@code j < n}, the float
   * operations of {@link Activations#geluDerivative}; returns the elements done. Adding dy·d to dx in
   * this loop too would take it past what C2 keeps unboxed (class comment): {@link #products} does.
   */
  static int geluDerivative(float[] d, float[] xs, int off, int n) {
    int bound = S.loopBound(n);
    for (int j = 0; j < bound; j += S.length()) {
      FloatVector x = FloatVector.fromArray(S, xs, off + j);
      // φ(x), as Activations.pdf
      FloatVector x2 = x.mul(x).min(X2_MAX);
      FloatVector shifted = x2.fma(NEG_HALF_LOG2E, ROUND);
      FloatVector r2 = shifted.sub(ROUND).fma(TWO_LN2, x2);
      FloatVector pe = r2.fma(P6, P5);
      pe = pe.fma(r2, P4);
      pe = pe.fma(r2, P3);
      pe = pe.fma(r2, P2);
      pe = pe.fma(r2, P1);
      pe = pe.fma(r2, P0);
      IntVector bits = (IntVector) shifted.reinterpretShape(INTS, 0);
      FloatVector pdf = pe.mul((FloatVector) bits.lanewise(VectorOperators.LSHL, 23).reinterpretShape(S, 0));
      // Φ(x), as Activations.cdf
      FloatVector u = x2.sqrt().mul(K);
      FloatVector s = u.div(u.add(ONE));
      FloatVector p = s.fma(R8, R7);
      p = p.fma(s, R6);
      p = p.fma(s, R5);
      p = p.fma(s, R4);
      p = p.fma(s, R3);
      p = p.fma(s, R2);
      p = p.fma(s, R1);
      p = p.fma(s, R0);
      FloatVector q = pdf.mul(p); // ½·erfc(|x|/√2)
      FloatVector cdf = ONE.sub(q).blend(q, x.lt(ZERO));
      x.fma(pdf, cdf).intoArray(d, j);
    }
    return bound;
  }

  /**
   * {@code dx[off + j] = fma(dy[off + j], d[j], dx[off + j])}, or {@code dy[off + j]·d[j]} unless
   * {@code accumulate} (then dx may be dy), for {@code j < n}, a multiple of the vector length.
   */
  static void products(float[] dx, float[] dy, float[] d, int off, int n, boolean accumulate) {
    if (accumulate) {
      for (int j = 0; j < n; j += S.length()) {
        FloatVector.fromArray(S, dy, off + j).fma(FloatVector.fromArray(S, d, j), FloatVector.fromArray(S, dx, off + j))
            .intoArray(dx, off + j);
      }
    } else {
      for (int j = 0; j < n; j += S.length()) {
        FloatVector.fromArray(S, dy, off + j).mul(FloatVector.fromArray(S, d, j)).intoArray(dx, off + j);
      }
    }
  }

}
