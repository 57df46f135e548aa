package dev.staticnet.kernel;

/** Element-wise helpers for residual connections and gradient fan-in. */
public final class Tensors {
  private Tensors() {}

  /** y = a + b over n elements; y may alias a or b. */
  public static void add(float[] y, float[] a, float[] b, int n) {
    for (int i = 0; i < n; i++) {
      y[i] = a[i] + b[i];
    }
  }

  /** dst += src over n elements. */
  public static void accumulate(float[] dst, float[] src, int n) {
    for (int i = 0; i < n; i++) {
      dst[i] += src[i];
    }
  }

  /** dst = src over n elements. */
  public static void copy(float[] dst, float[] src, int n) {
    System.arraycopy(src, 0, dst, 0, n);
  }
}
