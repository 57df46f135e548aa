package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Activation;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationsTest {
  @Test
  void erfMatchesReferenceValues() {
    // z, erf(z), erfc(z) from a double-precision reference (CPython math.erf / math.erfc)
    double[][] table = {
        {1e-8, 1.1283791670955126e-08, 0.9999999887162083},
        {0.001, 0.0011283787909692365, 0.9988716212090307},
        {0.3, 0.3286267594591274, 0.6713732405408726},
        {0.5, 0.5204998778130465, 0.4795001221869535},
        {0.99, 0.8385080695553698, 0.1614919304446302},
        {1.0, 0.8427007929497149, 0.15729920705028513},
        {1.5, 0.9661051464753108, 0.033894853524689274},
        {2.0, 0.9953222650189527, 0.004677734981047265},
        {3.0, 0.9999779095030014, 2.2090496998585438e-05},
        {4.5, 0.9999999998033839, 1.9661604415428873e-10},
        {6.0, 1.0, 2.1519736712498916e-17},
        {9.0, 1.0, 4.13703174651381e-37}};
    for (double[] row : table) {
      double z = row[0];
      assertEquals(row[1], Erf.erf(z), 1e-8 * row[1], "erf(" + z + ")");
      assertEquals(-row[1], Erf.erf(-z), 1e-8 * row[1], "erf(-" + z + ")");
      assertEquals(row[2], Erf.erfc(z), 1e-8 * row[2], "erfc(" + z + ")");
      assertEquals(2 - row[2], Erf.erfc(-z), 1e-8, "erfc(-" + z + ")");
    }
  }

  /** Bounds on the float GELU's error, measured over every float in [-10, 10] (see {@link Activations}). */
  static final double GELU_FORWARD_TOLERANCE = 1.06e-7; // times max(1, |x|)
  static final double GELU_BACKWARD_TOLERANCE = 1.3e-7;

  /** 0.5·x·erfc(−x/√2) and its derivative Φ(x) + x·φ(x) in double (Erf: relative error below 2e-9). */
  private static double geluReference(double x) {
    return 0.5 * x * Erf.erfc(-x * Math.sqrt(0.5));
  }

  private static double geluDerivativeReference(double x) {
    return 0.5 * Erf.erfc(-x * Math.sqrt(0.5)) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  @Test
  void geluMatchesReferenceValues() {
    // x, 0.5·x·erfc(-x/√2) in double
    double[][] table = {
        {-8.0, -4.9767684594174555e-15}, {-5.0, -1.4332578593959731e-06}, {-3.0, -0.004049694094890287},
        {-1.0, -0.15865525393145707}, {-0.1, -0.0460172162722971}, {0.0, 0.0}, {0.5, 0.34573123063700656},
        {1.0, 0.8413447460685429}, {2.0, 1.9544997361036416}, {4.0, 3.9998733150326675}};
    float[] x = new float[table.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) table[i][0];
    }
    float[] y = new float[x.length];
    Activations.forward(Activation.GELU, y, x, x.length, 0f);
    for (int i = 0; i < x.length; i++) {
      double want = table[i][1];
      assertEquals(want, y[i], GELU_FORWARD_TOLERANCE * Math.max(1, Math.abs(x[i])), "gelu(" + x[i] + ")");
      assertEquals(want, geluReference(table[i][0]), 1e-8 * Math.abs(want), "reference gelu(" + x[i] + ")");
    }
  }

  /**
   * GELU and GELU' through the public entry points (the vector loops when SIMD is on, the scalar forms
   * otherwise) against the double-precision reference, on about two million floats spread over
   * [-10, 10]; also relative accuracy in the negative tail down to x = −6, where 0.5·x·(1 + erf) in
   * float would have none.
   */
  @Test
  void geluIsWithinItsMeasuredErrorOfTheDoubleReference() {
    int top = Float.floatToRawIntBits(10f);
    int stride = 997; // a prime, so the mantissas sampled vary
    int half = top / stride + 1;
    float[] x = new float[2 * half];
    for (int i = 0; i < half; i++) {
      x[2 * i] = Float.intBitsToFloat(i * stride);
      x[2 * i + 1] = -x[2 * i];
    }
    int n = x.length;
    float[] y = new float[n];
    float[] dy = new float[n];
    java.util.Arrays.fill(dy, 1f);
    float[] dx = new float[n];
    Activations.forward(Activation.GELU, y, x, n, 0f);
    Activations.backward(Activation.GELU, dx, dy, x, y, n, 0f);
    for (int j = 0; j < n; j++) {
      final int i = j;
      double v = x[i];
      double want = geluReference(v);
      double error = Math.abs(y[i] - want);
      assertTrue(error <= GELU_FORWARD_TOLERANCE * Math.max(1, Math.abs(v)), () -> "gelu(" + v + ") = " + want
          + ", got " + y[i]);
      // relative in the negative tail, down to where the result is no longer a normal float
      assertTrue(v < -6 || Math.abs(want) < Float.MIN_NORMAL || error <= 2.1e-6 * Math.abs(want),
          () -> "gelu(" + v + ") = " + want + ", got " + y[i]);
      double dWant = geluDerivativeReference(v);
      assertTrue(Math.abs(dx[i] - dWant) <= GELU_BACKWARD_TOLERANCE, () -> "gelu'(" + v + ") = " + dWant + ", got "
          + dx[i]);
    }
  }

  /** Infinities, NaN, signed zeros and the underflow region, through the vector loops and the scalar tail. */
  @Test
  void geluSpecialValues() {
    float[] special = {Float.POSITIVE_INFINITY, Float.NaN, 0f, -0f, -14f, -1e30f, 14f, 1e30f, Float.MAX_VALUE, 1e-30f,
        Float.NEGATIVE_INFINITY};
    int n = 5 * special.length; // whole vectors and a tail at every vector width
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = special[i % special.length];
    }
    float[] y = new float[n];
    float[] dx = new float[n];
    float[] dy = new float[n];
    java.util.Arrays.fill(dy, 1f);
    Activations.forward(Activation.GELU, y, x, n, 0f);
    Activations.backward(Activation.GELU, dx, dy, x, y, n, 0f);
    for (int i = 0; i < n; i++) {
      String at = "at " + x[i] + " (element " + i + ")";
      switch (i % special.length) {
        case 0 -> assertEquals(Float.POSITIVE_INFINITY, y[i], at);
        case 1 -> assertTrue(Float.isNaN(y[i]) && Float.isNaN(dx[i]), at);
        case 2 -> assertEquals(0.5f, dx[i], at);
        case 3 -> assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(y[i]), "gelu(-0) = -0");
        case 4, 5 -> {
          assertEquals(0f, y[i], 0f, at);
          assertEquals(0f, dx[i], 0f, at);
        }
        case 6, 7, 8 -> {
          assertEquals(x[i], y[i], at);
          assertEquals(1f, dx[i], at);
        }
        case 9 -> assertEquals(5e-31f, y[i], at);
        default -> { } // GELU(−∞) and GELU'(±∞) are ∞·0 = NaN, as in PyTorch's formula
      }
      assertEquals(Float.floatToIntBits(Activations.gelu(x[i])), Float.floatToIntBits(y[i]), "scalar gelu " + at);
      assertEquals(Float.floatToIntBits(Activations.geluDerivative(x[i])), Float.floatToIntBits(dx[i]),
          "scalar gelu' " + at);
    }
  }

  /** Calls large enough to be split over the cores give the per-element values, in place too. */
  @Test
  void largeGeluCallsMatchElementwise() {
    int n = 10_007;
    Random r = new Random(5);
    float[] x = new float[n];
    float[] dy = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() * 3);
      dy[i] = (float) r.nextGaussian();
    }
    float[] y = new float[n];
    Activations.forward(Activation.GELU, y, x, n, 0f);
    float[] dx = new float[n];
    java.util.Arrays.fill(dx, 0.5f);
    Activations.backward(Activation.GELU, dx, dy, x, y, n, 0f);
    float[] inPlace = x.clone();
    Activations.forward(Activation.GELU, inPlace, inPlace, n, 0f);
    for (int i = 0; i < n; i++) {
      assertEquals(Activations.gelu(x[i]), y[i], "gelu(" + x[i] + ")");
      assertEquals(Activations.gelu(x[i]), inPlace[i], "in place");
      assertEquals(Math.fma(dy[i], Activations.geluDerivative(x[i]), 0.5f), dx[i], "gelu'(" + x[i] + ")");
    }
  }

  @Test
  void tanhMatchesMathTanhToFloatPrecision() {
    for (double v = -25; v <= 25; v += 0.0137) {
      float x = (float) v;
      double want = Math.tanh(x);
      assertEquals(want, SeqMath.tanh(x), 1.2e-7 * Math.abs(want), "tanh(" + x + ")");
    }
    for (float x : new float[] {1e-7f, -3e-6f, 1e-4f, 0f}) {
      assertEquals(Math.tanh(x), SeqMath.tanh(x), 1.2e-7 * Math.abs(x), "tanh(" + x + ")");
    }
    assertTrue(Float.isNaN(SeqMath.tanh(Float.NaN)));
  }

  @Test
  void forwardValues() {
    float[] x = {-2f, -0.5f, 0f, 0.5f, 3f};
    float[] y = new float[5];
    Activations.forward(Activation.RELU, y, x, 5, 0f);
    assertEquals(0f, y[0]);
    assertEquals(3f, y[4]);
    Activations.forward(Activation.LEAKY_RELU, y, x, 5, 0.01f);
    assertEquals(-0.02f, y[0], 1e-9f);
    Activations.forward(Activation.SIGMOID, y, x, 5, 0f);
    assertEquals(0.5f, y[2]);
    assertEquals(1 / (1 + Math.exp(2)), y[0], 1e-7);
    Activations.forward(Activation.TANH, y, x, 5, 0f);
    assertEquals(Math.tanh(3), y[4], 1e-7);
    Activations.forward(Activation.NONE, y, x, 5, 0f);
    assertEquals(-0.5f, y[1]);
  }

  @Test
  void everyBackwardMatchesFiniteDifferences() {
    for (Activation kind : Activation.values()) {
      Random rnd = new Random(kind.ordinal());
      int n = 40;
      float[] x = GradCheck.random(rnd, n, -3, 3);
      for (int i = 0; i < n; i++) { // keep away from the kinks of RELU / LEAKY_RELU
        if (Math.abs(x[i]) < 0.1f) {
          x[i] += 0.3f;
        }
      }
      float[] w = GradCheck.random(rnd, n, -1, 1);
      float[] y = new float[n];
      float slope = 0.1f;
      java.util.function.DoubleSupplier loss = () -> {
        Activations.forward(kind, y, x, n, slope);
        return GradCheck.dot(w, y, n);
      };
      loss.getAsDouble();
      float[] dx = GradCheck.random(rnd, n, -1, 1);
      float[] before = dx.clone();
      Activations.backward(kind, dx, w, x, y, n, slope);
      for (int i = 0; i < n; i++) {
        dx[i] -= before[i]; // backward accumulates
      }
      GradCheck.check("Activation " + kind, x, loss, dx, 1e-2f, 1e-3);
    }
  }

  @Test
  void vectorAndScalarFormsGiveTheSameBits() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Gemm.SIMD, "Vector API off");
    Random r = new Random(3);
    int n = 1000;
    float[] x = new float[n];
    float[] dy = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() * (i % 3 == 0 ? 12 : 2));
      dy[i] = (float) r.nextGaussian();
    }
    float[] v = new float[n];
    int done = ActivationVector.tanh(v, x, n);
    assertTrue(done > n - 16, "vector loop covered " + done);
    for (int i = 0; i < done; i++) {
      assertEquals(SeqMath.tanh(x[i]), v[i], 0f, "tanh " + x[i]);
    }
    ActivationVector.sigmoid(v, x, n);
    for (int i = 0; i < done; i++) {
      assertEquals(SeqMath.sigmoid(x[i]), v[i], 0f, "sigmoid " + x[i]);
    }
    assertEquals(done, ActivationVector.gelu(v, x, 0, n));
    float[] d = new float[n];
    assertEquals(done, ActivationVector.geluDerivative(d, x, 0, n));
    float[] dg = dy.clone();
    ActivationVector.products(dg, dy, d, 0, done, true);
    for (int i = 0; i < done; i++) {
      assertEquals(Float.floatToIntBits(Activations.gelu(x[i])), Float.floatToIntBits(v[i]), "gelu " + x[i]);
      assertEquals(Float.floatToIntBits(Activations.geluDerivative(x[i])), Float.floatToIntBits(d[i]), "gelu' " + x[i]);
      assertEquals(Float.floatToIntBits(Math.fma(dy[i], d[i], dy[i])), Float.floatToIntBits(dg[i]), "dx += dy·gelu'");
    }
    ActivationVector.relu(v, x, n);
    float[] dr = dy.clone();
    ActivationVector.reluBackward(dr, dy, v, n, true);
    for (int i = 0; i < done; i++) {
      assertEquals(Math.max(x[i], 0f), v[i], 0f, "relu " + x[i]);
      assertEquals(v[i] > 0f ? 2 * dy[i] : dy[i], dr[i], 0f, "relu' " + x[i]);
    }
  }
}
