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

  @Test
  void geluIsExact() {
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
      // float GELU: the bound Activations documents, not double precision
      assertEquals(want, y[i], 1.06e-7 * Math.max(1, Math.abs(x[i])), "gelu(" + x[i] + ")");
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
    ActivationVector.relu(v, x, n);
    float[] dr = dy.clone();
    ActivationVector.reluBackward(dr, dy, v, n);
    for (int i = 0; i < done; i++) {
      assertEquals(Math.max(x[i], 0f), v[i], 0f, "relu " + x[i]);
      assertEquals(v[i] > 0f ? 2 * dy[i] : dy[i], dr[i], 0f, "relu' " + x[i]);
    }
  }
}
