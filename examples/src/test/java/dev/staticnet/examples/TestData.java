package dev.staticnet.examples;

import java.util.SplittableRandom;

/** Seeded random inputs, labels and targets. */
final class TestData {
  private TestData() {}

  /** Uniform in [-1, 1). */
  static float[] uniform(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (2 * r.nextDouble() - 1);
    }
    return x;
  }

  /** Uniform in (0.05, 0.95): targets for BCE. */
  static float[] probabilities(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (0.05 + 0.9 * r.nextDouble());
    }
    return y;
  }

  static int[] labels(int n, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(classes);
    }
    return y;
  }
}
