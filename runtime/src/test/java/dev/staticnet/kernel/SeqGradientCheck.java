package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.train.Rng;

/**
 * Central finite differences for the sequence kernels. The scalar loss is {@code L = Σ r_i·y_i}
 * summed in double over a float output {@code y} with fixed random weights {@code r}, so the
 * analytic gradient is the kernel's backward pass run with {@code dy = r}.
 */
final class SeqGradientCheck {
  private SeqGradientCheck() {}

  /** n floats uniform in [−scale, scale). */
  static float[] random(Rng rng, int n, float scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.uniform(-scale, scale);
    }
    return a;
  }

  /** {@code Σ r_i·y_i} in double. */
  static double loss(float[] y, float[] r) {
    double sum = 0;
    for (int i = 0; i < r.length; i++) {
      sum += (double) r[i] * y[i];
    }
    return sum;
  }

  /**
   * Compares {@code analytic[i]} with {@code (L(w_i + ε) − L(w_i − ε)) / (2ε)} for every i of
   * {@code wrt} (restored afterwards); {@code forward} recomputes y. Fails naming the worst entry.
   * Returns the largest absolute difference.
   */
  static double check(String what, float[] wrt, float[] analytic, Runnable forward, float[] y, float[] r,
                      double eps, double tol) {
    double worst = 0;
    int worstAt = -1;
    double worstFd = 0;
    for (int i = 0; i < wrt.length; i++) {
      float saved = wrt[i];
      float plus = (float) (saved + eps);
      float minus = (float) (saved - eps);
      wrt[i] = plus;
      forward.run();
      double lp = loss(y, r);
      wrt[i] = minus;
      forward.run();
      double lm = loss(y, r);
      wrt[i] = saved;
      double fd = (lp - lm) / ((double) plus - minus);
      double err = Math.abs(fd - analytic[i]) / Math.max(1.0, Math.abs(fd));
      if (err > worst) {
        worst = err;
        worstAt = i;
        worstFd = fd;
      }
    }
    forward.run();
    String message = what + ": worst relative difference " + worst + " at index " + worstAt
        + " (finite difference " + worstFd + ", backward " + (worstAt >= 0 ? analytic[worstAt] : 0f) + ")";
    System.out.println(message);
    assertTrue(worst <= tol, message);
    return worst;
  }
}
