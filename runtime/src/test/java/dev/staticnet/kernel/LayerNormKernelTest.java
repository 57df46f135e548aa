package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerNormKernelTest {
  @Test
  void forwardNormalisesWithBiasedVariance() {
    float[] x = {1, 2, 3, 4};
    float[] y = new float[4];
    float[] mean = new float[1];
    float[] rstd = new float[1];
    LayerNormKernel.forward(y, mean, rstd, x, null, -1, -1, 1, 4, 1e-5f);
    assertEquals(2.5f, mean[0]);
    assertEquals(1 / Math.sqrt(1.25 + 1e-5), rstd[0], 1e-6);
    assertEquals(-1.5 / Math.sqrt(1.25 + 1e-5), y[0], 1e-6);
    float[] params = {2, 2, 2, 2, 1, 1, 1, 1};
    LayerNormKernel.forward(y, mean, rstd, x, params, 0, 4, 1, 4, 1e-5f);
    assertEquals(2 * 1.5 / Math.sqrt(1.25 + 1e-5) + 1, y[3], 1e-6);
  }

  @Test
  void largeCallsSplitOverTheWorkersGiveTheBitsOfOneRowAtATime() {
    int rows = 67; // 67 × 3·128 work: split over the workers; an odd count gives unequal parts
    int n = 128;
    Random rnd = new Random(3);
    float[] x = new float[rows * n];
    float[] params = new float[2 * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rnd.nextGaussian() * 3 + 1);
    }
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) rnd.nextGaussian();
    }
    float[] y = new float[x.length];
    float[] mean = new float[rows];
    float[] rstd = new float[rows];
    LayerNormKernel.forward(y, mean, rstd, x, params, 0, n, rows, n, 1e-5f);
    for (int r = 0; r < rows; r++) {
      float[] row = java.util.Arrays.copyOfRange(x, r * n, (r + 1) * n);
      float[] yr = new float[n];
      float[] m = new float[1];
      float[] s = new float[1];
      LayerNormKernel.forward(yr, m, s, row, params, 0, n, 1, n, 1e-5f);
      org.junit.jupiter.api.Assertions.assertArrayEquals(yr, java.util.Arrays.copyOfRange(y, r * n, (r + 1) * n),
          "row " + r);
      assertEquals(m[0], mean[r]);
      assertEquals(s[0], rstd[r]);
    }
  }

  @Test
  void backwardAffineMatchesFiniteDifferences() {
    check(true);
  }

  @Test
  void backwardWithoutAffineMatchesFiniteDifferences() {
    check(false);
  }

  private static void check(boolean affine) {
    Random rnd = new Random(affine ? 1 : 2);
    int rows = 4;
    int n = 6;
    int wOff = affine ? 1 : -1;
    int bOff = affine ? 1 + n : -1;
    float[] params = GradCheck.random(rnd, 1 + 2 * n, 0.5, 1.5);
    float[] x = GradCheck.random(rnd, rows * n, -2, 2);
    float[] w = GradCheck.random(rnd, rows * n, -1, 1);
    float[] y = new float[rows * n];
    float[] mean = new float[rows];
    float[] rstd = new float[rows];
    java.util.function.DoubleSupplier loss = () -> {
      LayerNormKernel.forward(y, mean, rstd, x, params, wOff, bOff, rows, n, 1e-5f);
      return GradCheck.dot(w, y, rows * n);
    };
    loss.getAsDouble();
    float[] dx = new float[rows * n];
    float[] dparams = new float[params.length];
    LayerNormKernel.backward(dx, dparams, w, x, mean, rstd, params, wOff, bOff, rows, n);
    String name = "LayerNorm" + (affine ? " affine" : "");
    GradCheck.check(name + " dx", x, loss, dx, 1e-2f, 2e-3);
    if (affine) {
      GradCheck.check(name + " dgamma", params, wOff, n, loss, dparams, wOff, 1e-2f, 2e-3);
      GradCheck.check(name + " dbeta", params, bOff, n, loss, dparams, bOff, 1e-2f, 2e-3);
    }
  }
}
