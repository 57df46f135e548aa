package dev.staticnet.benchmarks.oracle;

import dev.staticnet.train.Rng;

/** Seeded test data for the oracle tests. */
final class Data {
  private Data() {}

  /** n values from N(0, std²). */
  static float[] gaussian(Rng rng, int n, double std) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (std * rng.nextGaussian());
    }
    return a;
  }

  /** n values uniform in [lo, hi). */
  static float[] uniform(Rng rng, int n, float lo, float hi) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.uniform(lo, hi);
    }
    return a;
  }

  /** n class labels in [0, classes). */
  static int[] labels(Rng rng, int n, int classes) {
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = rng.nextInt(classes);
    }
    return l;
  }

  /** {@code src} copied into a larger array at {@code off} (the rest is noise), to exercise offsets. */
  static float[] embed(float[] src, int off, int total, Rng rng) {
    float[] a = gaussian(rng, total, 1);
    System.arraycopy(src, 0, a, off, src.length);
    return a;
  }

  /** {@code a[off .. off+n)}. */
  static float[] slice(float[] a, int off, int n) {
    float[] s = new float[n];
    System.arraycopy(a, off, s, 0, n);
    return s;
  }
}
