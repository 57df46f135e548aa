package dev.staticnet.kernel;

import dev.staticnet.train.Rng;

/** Inverted dropout (training mode): kept elements are scaled by 1/(1 − p), so eval is the identity. */
public final class DropoutKernel {
  private DropoutKernel() {}

  /**
   * mask[i] = 0 with probability p, else 1/(1 − p); y = x·mask over n elements. One
   * {@code rng.nextFloat()} per element, so the same seed gives the same mask. p = 1 drops everything.
   */
  public static void forward(float[] y, float[] mask, float[] x, int n, float p, Rng rng) {
    if (!(p >= 0f && p <= 1f)) {
      throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + p);
    }
    float keep = p < 1f ? 1f / (1f - p) : 0f;
    for (int i = 0; i < n; i++) {
      float m = rng.nextFloat() < p ? 0f : keep;
      mask[i] = m;
      y[i] = x[i] * m;
    }
  }

  /** dx += dy·mask over n elements. */
  public static void backward(float[] dx, float[] dy, float[] mask, int n) {
    for (int i = 0; i < n; i++) {
      dx[i] += dy[i] * mask[i];
    }
  }
}
