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

  /**
   * Weights after an optimiser step: StaticNet's {@code actual} against PyTorch's {@code expected}, both from
   * {@code before}. The error of an element beyond two float32 ulps of the weight (the rounding of the weight
   * itself, which bounds how precisely any update is stored) is measured relative to PyTorch's update
   * {@code |expected − before|}, with the floor of {@link #diff} (1 % of the largest update). Elements flagged
   * in {@code skip} are not compared; their update must not exceed the largest expected one by more than 1 %.
   */
  static void checkUpdate(String name, float[] before, float[] expected, float[] actual, boolean[] skip, double tol) {
    assertEquals(expected.length, actual.length, "length");
    double scale = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs((double) expected[i] - before[i]));
    }
    double floor = Math.max(1e-12, 1e-2 * scale);
    double maxAbs = 0;
    double maxRel = 0;
    int worst = -1;
    int skipped = 0;
    for (int i = 0; i < expected.length; i++) {
      double update = Math.abs((double) actual[i] - before[i]);
      if (skip[i]) {
        skipped++;
        if (!(update <= 1.01 * scale + 2 * Math.ulp(before[i]))) {
          fail(String.format("%s: [%d] is at gradient noise level, yet moved by %.3e, more than the largest "
              + "expected update %.3e", name, i, update, scale));
        }
        continue;
      }
      double abs = Math.abs((double) actual[i] - expected[i]);
      double beyondRounding = Math.max(0, abs - 2 * Math.ulp(expected[i]));
      double rel = beyondRounding / Math.max(Math.abs((double) expected[i] - before[i]), floor);
      if (!(abs <= maxAbs)) {
        maxAbs = abs;
      }
      if (!(rel <= maxRel)) {
        maxRel = rel;
        worst = i;
      }
    }
    System.out.printf("%-40s n=%-7d max abs %.3e  max rel to update %.3e  %s%s%n", name, expected.length, maxAbs,
        maxRel, maxRel <= tol ? "OK" : "NOT OK", skipped > 0 ? "  (" + skipped + " at gradient noise level)" : "");
    if (!(maxRel <= tol)) {
      fail(String.format("%s: max rel to update %.3e > %.1e at [%d]: before %s, expected %s (PyTorch), got %s "
          + "(StaticNet)", name, maxRel, tol, worst, before[worst], expected[worst], actual[worst]));
    }
  }

  /** The single value as a one-element array, for scalar losses. */
  static float[] scalar(float v) {
    return new float[] {v};
  }
}
