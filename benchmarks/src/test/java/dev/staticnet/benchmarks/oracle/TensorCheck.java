package dev.staticnet.benchmarks.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * llm.c-style {@code check_tensor}: prints the max absolute and max relative difference between StaticNet's
 * values and PyTorch's, and fails when the relative error exceeds the tolerance. The relative error of an
 * element is |a − e| / max(|e|, floor) with floor = max(1e-2 · max|e|, 1e-5): libtorch (oneMKL) and our
 * kernels sum in different orders, and the float32 rounding error of a sum scales with Σ|terms|, not with
 * |Σ terms|, so an element that cancels to nearly zero is measured against 1 % of the tensor's largest
 * magnitude; tensors that are zero in exact arithmetic are
 * measured against 1e-5.
 */
final class TensorCheck {
  private TensorCheck() {}

  /** Max absolute and relative difference of {@code actual} vs {@code expected}. */
  record Diff(double maxAbs, double maxRel, int worst) {}

  static Diff diff(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, "length");
    double scale = 0;
    for (float e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    double floor = Math.max(1e-5, 1e-2 * scale);
    double maxAbs = 0;
    double maxRel = 0;
    int worst = -1;
    for (int i = 0; i < expected.length; i++) {
      double abs = Math.abs((double) actual[i] - expected[i]);
      double rel = abs / Math.max(Math.abs(expected[i]), floor);
      if (!(abs <= maxAbs) || Double.isNaN(actual[i])) {
        maxAbs = Double.isNaN(actual[i]) ? Double.NaN : abs;
      }
      if (!(rel <= maxRel)) {
        maxRel = rel;
        worst = i;
      }
    }
    return new Diff(maxAbs, maxRel, worst);
  }

  /** Prints {@code name: max abs ..., max rel ...} and asserts max rel ≤ {@code tol}. */
  static void check(String name, float[] expected, float[] actual, double tol) {
    Diff d = diff(expected, actual);
    System.out.printf("%-40s n=%-7d max abs %.3e  max rel %.3e  %s%n",
        name, expected.length, d.maxAbs(), d.maxRel(), d.maxRel() <= tol ? "OK" : "NOT OK");
    if (!(d.maxRel() <= tol)) {
      fail(String.format("%s: max rel %.3e > %.1e at [%d]: expected %s (PyTorch), got %s (StaticNet)",
          name, d.maxRel(), tol, d.worst(), expected[d.worst()], actual[d.worst()]));
    }
  }

  /** The single value as a one-element array, for scalar losses. */
  static float[] scalar(float v) {
    return new float[] {v};
  }
}
