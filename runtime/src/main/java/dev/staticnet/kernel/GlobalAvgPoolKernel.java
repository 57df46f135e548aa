package dev.staticnet.kernel;

/**
 * Global average pooling {@code (batch, c, spatial) → (batch, c)}: the mean of each channel plane
 * (PyTorch {@code AdaptiveAvgPool2d(1)} followed by flatten).
 */
public final class GlobalAvgPoolKernel {
  private GlobalAvgPoolKernel() {}

  /** y[n][c] = (1/spatial) · Σ_i x[n][c][i] ; x (batch, c, spatial), y (batch, c). */
  public static void forward(float[] y, float[] x, int batch, int c, int spatial) {
    check(y, "y", x, "x", batch, c, spatial);
    float inv = 1f / spatial;
    int planes = batch * c;
    for (int pl = 0; pl < planes; pl++) {
      int off = pl * spatial;
      float sum = 0f;
      for (int i = 0; i < spatial; i++) {
        sum += x[off + i];
      }
      y[pl] = sum * inv;
    }
  }

  /** dx[n][c][i] += dy[n][c] / spatial. */
  public static void backward(float[] dx, float[] dy, int batch, int c, int spatial) {
    check(dy, "dy", dx, "dx", batch, c, spatial);
    float inv = 1f / spatial;
    int planes = batch * c;
    for (int pl = 0; pl < planes; pl++) {
      int off = pl * spatial;
      float d = dy[pl] * inv;
      for (int i = 0; i < spatial; i++) {
        dx[off + i] += d;
      }
    }
  }

  private static void check(float[] small, String smallName, float[] big, String bigName, int batch, int c,
                            int spatial) {
    if (batch < 0 || c < 1 || spatial < 1) {
      throw new IllegalArgumentException("GlobalAvgPool: expected batch >= 0, channels >= 1, spatial >= 1, got batch "
          + batch + ", channels " + c + ", spatial " + spatial);
    }
    requireLength(smallName, small, (long) batch * c);
    requireLength(bigName, big, (long) batch * c * spatial);
  }

  private static void requireLength(String name, float[] a, long needed) {
    if (a == null) {
      throw new IllegalArgumentException("GlobalAvgPool: " + name + " must not be null");
    }
    if (a.length < needed) {
      throw new IllegalArgumentException("GlobalAvgPool: " + name + " needs at least " + needed
          + " elements, got " + a.length);
    }
  }
}
