package dev.staticnet.kernel;

/** Log-softmax over the last axis of (rows, n): x − max − log Σ exp(x − max). */
public final class LogSoftmax {
  private LogSoftmax() {}

  /** y(rows, n) = (x − max) − log Σ exp(x − max), row by row. */
  public static void forward(float[] y, float[] x, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      int row = r * n;
      float max = Softmax.rowMax(x, row, n);
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.exp(x[row + i] - max);
      }
      float logSum = (float) Math.log(sum);
      for (int i = 0; i < n; i++) {
        y[row + i] = (x[row + i] - max) - logSum; // not x − (max + logSum): that rounds at |x| = 1e4
      }
    }
  }

  /** dx += dy − exp(y)·Σ_j dy_j, row by row (exp(y) is the softmax). */
  public static void backward(float[] dx, float[] dy, float[] y, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      int row = r * n;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += dy[row + i];
      }
      float s = (float) sum;
      for (int i = 0; i < n; i++) {
        dx[row + i] += dy[row + i] - (float) Math.exp(y[row + i]) * s;
      }
    }
  }
}
