package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

/** Shared fixtures: a toy quadratic problem whose gradient depends on the weights, and comparisons. */
final class OptimizerTestSupport {
  private OptimizerTestSupport() {}

  static final double[] START = {1.0, -0.5, 0.25, 2.0};
  static final double[] TARGET = {0.3, 0.7, -1.2, 2.0};

  /** Gradient of 0.5 * sum(c_i (w_i - target_i)^2) with c_i = i + 1; one weight at its target. */
  static double grad(int i, double w) {
    return (i + 1) * (w - TARGET[i]);
  }

  static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /** Fills the float gradient from the current float weights. */
  static void fillGrad(float[] grads, float[] params) {
    for (int i = 0; i < params.length; i++) {
      grads[i] = (float) grad(i, params[i]);
    }
  }

  /** Feeds the float gradient, computed from the float weights, back into the double reference. */
  static double[] gradsAsDouble(float[] grads) {
    double[] g = new double[grads.length];
    for (int i = 0; i < grads.length; i++) {
      g[i] = grads[i];
    }
    return g;
  }

  static void assertClose(double[] expected, float[] actual, double tol, String what) {
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(expected[i] - actual[i]);
      double scale = Math.max(1, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], tol * scale, what + " [" + i + "] (abs error " + err + ")");
    }
  }

  /** Bytes allocated by this thread so far (HotSpot). */
  static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }
}
