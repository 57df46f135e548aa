package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.staticnet.train.Rng;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The recurrent gates' exp, σ and tanh ({@link SeqMath}, {@link SeqVector}): accurate against
 * double, and the vector path gives exactly the scalar path's bits, so results depend neither on
 * SIMD nor on the JIT having compiled the loop yet.
 */
class RnnGateMathTest {
  private static final int N = 1 << 16;

  /** Inputs across the ranges gates see: wide, unit, tiny, and the clamp edges. */
  private static float[] inputs() {
    Rng rng = new Rng(77);
    float[] x = new float[4 * N];
    for (int i = 0; i < N; i++) {
      x[i] = rng.uniform(-100f, 100f);
      x[N + i] = rng.uniform(-3f, 3f);
      x[2 * N + i] = rng.uniform(-1e-3f, 1e-3f);
      x[3 * N + i] = rng.uniform(0.6f, 0.65f) * (i % 2 == 0 ? 1 : -1);
    }
    float[] edges = {0f, -0f, 1e-30f, -1e-30f, -87.3f, -87.29f, -87.31f, 88.3f, 88.29f, 88.31f, 0.625f, -0.625f};
    System.arraycopy(edges, 0, x, 0, edges.length);
    return x;
  }

  private static double worstRelative(float[] x, java.util.function.IntToDoubleFunction got, DoubleUnaryOperator want,
                                      double lo, double hi) {
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < lo || x[i] > hi) {
        continue;
      }
      double w = want.applyAsDouble(x[i]);
      double g = got.applyAsDouble(i);
      double err = w == 0 ? Math.abs(g) : Math.abs(g - w) / Math.abs(w);
      worst = Math.max(worst, err);
    }
    return worst;
  }

  @Test
  void scalarGateFunctionsAreAccurateToAFewUlp() {
    float[] x = inputs();
    double exp = worstRelative(x, i -> SeqMath.exp(x[i]), Math::exp, -87.3, 88.3);
    double sigmoid = worstRelative(x, i -> SeqMath.sigmoid(x[i]), v -> 1 / (1 + Math.exp(-v)), -87, 1e9);
    double tanh = worstRelative(x, i -> SeqMath.tanh(x[i]), Math::tanh, -1e9, 1e9);
    System.out.printf("worst relative error: exp %.3g, sigmoid %.3g, tanh %.3g%n", exp, sigmoid, tanh);
    assertTrue(exp < 3e-7, "exp " + exp);
    assertTrue(sigmoid < 3e-7, "sigmoid " + sigmoid);
    assertTrue(tanh < 3e-7, "tanh " + tanh);
    assertEquals(0f, SeqMath.exp(-88f));
    assertTrue(SeqMath.sigmoid(-100f) >= 0f && SeqMath.sigmoid(-100f) < 1e-38f); // e^{-100} ≈ 3.7e-44
    assertEquals(1f, SeqMath.sigmoid(100f));
    assertEquals(-1f, SeqMath.tanh(-20f));
    assertEquals(1f, SeqMath.exp(0f));
  }

  @Test
  void vectorGateFunctionsGiveTheScalarBits() {
    assumeTrue(Gemm.SIMD, "Vector API not in use");
    float[] x = inputs();
    float[] e = x.clone();
    float[] s = x.clone();
    float[] t = x.clone();
    for (int rep = 0; rep < 3; rep++) { // the first pass runs interpreted, later ones compiled
      System.arraycopy(x, 0, e, 0, x.length);
      System.arraycopy(x, 0, s, 0, x.length);
      System.arraycopy(x, 0, t, 0, x.length);
      assertEquals(x.length, SeqVector.sigmoid(s, 0, x.length)); // a whole number of vectors
      SeqVector.expShifted(e, 0, x.length, 0f);
      SeqVector.tanh(t, 0, x.length);
      for (int i = 0; i < x.length; i++) {
        if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(SeqMath.exp(x[i]))
            || Float.floatToRawIntBits(s[i]) != Float.floatToRawIntBits(SeqMath.sigmoid(x[i]))
            || Float.floatToRawIntBits(t[i]) != Float.floatToRawIntBits(SeqMath.tanh(x[i]))) {
          throw new AssertionError("x = " + x[i] + ": vector exp/σ/tanh " + e[i] + "/" + s[i] + "/" + t[i]
              + " but scalar " + SeqMath.exp(x[i]) + "/" + SeqMath.sigmoid(x[i]) + "/" + SeqMath.tanh(x[i]));
        }
      }
    }
  }
}
