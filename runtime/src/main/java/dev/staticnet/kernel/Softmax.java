package dev.staticnet.kernel;

/** Softmax over the last axis of (rows, n), max-subtracted so that |x| = 1e4 does not overflow. */
public final class Softmax {
  private Softmax() {}

  /** y(rows, n) = exp(x − max) / Σ exp(x − max), row by row. */
  public static void forward(float[] y, float[] x, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      int row = r * n;
      float max = rowMax(x, row, n);
      double sum = 0;
      for (int i = 0; i < n; i++) {
        float e = (float) Math.exp(x[row + i] - max);
        y[row + i] = e;
        sum += e;
      }
      float inv = (float) (1 / sum);
      for (int i = 0; i < n; i++) {
        y[row + i] *= inv;
      }
    }
  }

  /** dx += y·(dy − Σ_j dy_j·y_j), row by row. */
  public static void backward(float[] dx, float[] dy, float[] y, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      int row = r * n;
      double dot = 0;
      for (int i = 0; i < n; i++) {
        dot += dy[row + i] * y[row + i];
      }
      float d = (float) dot;
      for (int i = 0; i < n; i++) {
        dx[row + i] += y[row + i] * (dy[row + i] - d);
      }
    }
  }

  static float rowMax(float[] x, int row, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, x[row + i]);
    }
    return max;
  }
}
