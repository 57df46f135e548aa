package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseTest {
  @Test
  void forwardMatchesDefinition() {
    // x (2, 3), W (2, 3), b (2)
    float[] x = {1, 2, 3, 4, 5, 6};
    float[] params = {0.5f, -1, 2, 1, 0, -0.5f, 10, 20};
    float[] y = new float[4];
    Dense.forward(y, x, params, 0, 6, 2, 3, 2);
    assertEquals(0.5f - 2 + 6 + 10, y[0], 1e-6f);
    assertEquals(1 - 1.5f + 20, y[1], 1e-6f);
    assertEquals(2 - 5 + 12 + 10, y[2], 1e-6f);
    assertEquals(4 - 3 + 20, y[3], 1e-6f);
    Dense.forward(y, x, params, 0, -1, 2, 3, 2);
    assertEquals(0.5f - 2 + 6, y[0], 1e-6f);
  }

  @Test
  void backwardMatchesFiniteDifferencesWithBias() {
    check(5, 7, 4, true);
    check(33, 40, 50, true); // large enough for the packed kernels
  }

  @Test
  void backwardMatchesFiniteDifferencesWithoutBias() {
    check(5, 7, 4, false);
    check(20, 64, 30, false);
  }

  private static void check(int rows, int in, int out, boolean bias) {
    Random rnd = new Random(rows * 31 + in);
    int wOff = 3;
    int bOff = bias ? wOff + out * in : -1;
    float[] params = GradCheck.random(rnd, wOff + out * in + (bias ? out : 0) + 2, -1, 1);
    float[] x = GradCheck.random(rnd, rows * in, -1, 1);
    float[] w = GradCheck.random(rnd, rows * out, -1, 1); // dL/dy
    float[] y = new float[rows * out];
    java.util.function.DoubleSupplier loss = () -> {
      Dense.forward(y, x, params, wOff, bOff, rows, in, out);
      return GradCheck.dot(w, y, rows * out);
    };
    float[] dx = new float[rows * in];
    float[] dparams = new float[params.length];
    Dense.backward(dx, dparams, w, x, params, wOff, bOff, rows, in, out);
    String name = "Dense " + rows + "x" + in + "->" + out + (bias ? " bias" : "");
    GradCheck.check(name + " dx", x, loss, dx, 1e-2f, 2e-3);
    GradCheck.check(name + " dW", params, wOff, out * in, loss, dparams, wOff, 1e-2f, 2e-3);
    if (bias) {
      GradCheck.check(name + " db", params, bOff, out, loss, dparams, bOff, 1e-2f, 2e-3);
    }
    // accumulates: a second backward doubles the gradients; dx = null skips dx
    float[] dparams2 = dparams.clone();
    Dense.backward(null, dparams2, w, x, params, wOff, bOff, rows, in, out);
    for (int i = 0; i < dparams.length; i++) {
      assertEquals(2 * dparams[i], dparams2[i], 1e-5f * (1 + Math.abs(dparams[i])));
    }
  }
}
