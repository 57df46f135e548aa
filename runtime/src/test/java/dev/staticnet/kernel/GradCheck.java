package dev.staticnet.kernel;

import java.util.Random;
import java.util.function.DoubleSupplier;

/** Central finite differences against an analytic gradient, with the maximum difference printed. */
final class GradCheck {
  private GradCheck() {}

  static float[] random(Random rnd, int n, double lo, double hi) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
    }
    return x;
  }

  /** Σ w·y in double: a scalar loss whose gradient with respect to y is w. */
  static double dot(float[] w, float[] y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) w[i] * y[i];
    }
    return s;
  }

  /**
   * For each of the n elements of {@code x} from {@code off}: perturbs it by ±h, evaluates
   * {@code loss}, and compares (L+ − L−)/(x+ − x−) with {@code analytic[aOff + i]}:
   * |numeric − analytic| ≤ tol·(1 + |numeric|).
   */
  static void check(String name, float[] x, int off, int n, DoubleSupplier loss, float[] analytic, int aOff,
                    float h, double tol) {
    double worst = 0;
    for (int i = 0; i < n; i++) {
      float saved = x[off + i];
      float plus = saved + h;
      float minus = saved - h;
      x[off + i] = plus;
      double lp = loss.getAsDouble();
      x[off + i] = minus;
      double lm = loss.getAsDouble();
      x[off + i] = saved;
      double numeric = (lp - lm) / ((double) plus - minus);
      double diff = Math.abs(numeric - analytic[aOff + i]);
      worst = Math.max(worst, diff / (1 + Math.abs(numeric)));
      if (!(diff <= tol * (1 + Math.abs(numeric)))) {
        throw new AssertionError(name + ": d/dx[" + i + "] analytic " + analytic[aOff + i] + " vs numeric "
            + numeric);
      }
    }
    System.out.printf("%s: max relative difference %.2e over %d elements%n", name, worst, n);
  }

  static void check(String name, float[] x, DoubleSupplier loss, float[] analytic, float h, double tol) {
    check(name, x, 0, x.length, loss, analytic, 0, h, tol);
  }
}
