package dev.staticnet.kernel;

/**
 * Layer normalisation over the last axis of (rows, n): {@code y = (x − μ)·rstd·γ + β} with the
 * biased variance and {@code rstd = 1/sqrt(σ² + eps)}; γ = params[wOff ..], β = params[bOff ..],
 * each (n). {@code wOff < 0} means no affine transform; {@code bOff < 0} alone means no β.
 */
public final class LayerNormKernel {
  private LayerNormKernel() {}

  /** Normalises each row of x into y and caches mean (rows) and rstd (rows) for the backward pass. */
  public static void forward(float[] y, float[] mean, float[] rstd, float[] x, float[] params, int wOff, int bOff,
                             int rows, int n, float eps) {
    int parts = SeqMath.parts(rows, 3L * n); // three passes over each row
    if (parts == 1) {
      forwardRows(y, mean, rstd, x, params, wOff, bOff, 0, rows, n, eps);
      return;
    }
    ForwardSplit task = FORWARD.get();
    task.set(y, mean, rstd, x, params, wOff, bOff, rows, n, eps);
    try {
      Parallel.run(parts, task);
    } finally {
      task.set(null, null, null, null, null, 0, 0, 0, 0, 0f);
    }
  }

  private static final ThreadLocal<ForwardSplit> FORWARD = ThreadLocal.withInitial(ForwardSplit::new);

  /** One forward call cut into contiguous row ranges (rows are independent: the same bits as one range). */
  private static final class ForwardSplit implements Parallel.Task {
    private float[] y;
    private float[] mean;
    private float[] rstd;
    private float[] x;
    private float[] params;
    private int wOff;
    private int bOff;
    private int rows;
    private int n;
    private float eps;

    void set(float[] y, float[] mean, float[] rstd, float[] x, float[] params, int wOff, int bOff, int rows, int n,
             float eps) {
      this.y = y;
      this.mean = mean;
      this.rstd = rstd;
      this.x = x;
      this.params = params;
      this.wOff = wOff;
      this.bOff = bOff;
      this.rows = rows;
      this.n = n;
      this.eps = eps;
    }

    @Override
    public void run(int part, int parts) {
      forwardRows(y, mean, rstd, x, params, wOff, bOff, SeqMath.split(rows, part, parts),
          SeqMath.split(rows, part + 1, parts), n, eps);
    }
  }

  /** Rows [from, to) of {@link #forward}. */
  private static void forwardRows(float[] y, float[] mean, float[] rstd, float[] x, float[] params, int wOff,
                                  int bOff, int from, int to, int n, float eps) {
    for (int r = from; r < to; r++) {
      int row = r * n;
      double mu = sum(x, row, n) / n;
      double sq = squaredDeviations(x, row, n, mu);
      float m = (float) mu;
      float s = (float) (1 / Math.sqrt(sq / n + eps));
      mean[r] = m;
      rstd[r] = s;
      for (int i = 0; i < n; i++) {
        float norm = (x[row + i] - m) * s;
        if (wOff >= 0) {
          norm = norm * params[wOff + i] + (bOff >= 0 ? params[bOff + i] : 0f);
        }
        y[row + i] = norm;
      }
    }
  }

  /**
   * Σ x[from + i] in double, as four interleaved partial sums (i mod 4) added at the end: four
   * independent chains of adds instead of one (the sums are latency-bound).
   */
  static double sum(float[] x, int from, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += x[from + i];
      s1 += x[from + i + 1];
      s2 += x[from + i + 2];
      s3 += x[from + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[from + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σ (x[from + i] − mu)² in double, in the order of {@link #sum}. */
  static double squaredDeviations(float[] x, int from, int n, double mu) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      double d0 = x[from + i] - mu;
      double d1 = x[from + i + 1] - mu;
      double d2 = x[from + i + 2] - mu;
      double d3 = x[from + i + 3] - mu;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < n; i++) {
      double d = x[from + i] - mu;
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * dx += rstd·(dn − mean(dn) − n̂·mean(dn·n̂)) with n̂ = (x − μ)·rstd and dn = dy·γ (dx may be null);
   * dγ += Σ_rows dy·n̂, dβ += Σ_rows dy (in dparams at wOff, bOff).
   */
  public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] mean, float[] rstd,
                              float[] params, int wOff, int bOff, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      int row = r * n;
      float m = mean[r];
      float s = rstd[r];
      double dnSum = 0;
      double dnNormSum = 0;
      for (int i = 0; i < n; i++) {
        float norm = (x[row + i] - m) * s;
        float dn = wOff >= 0 ? dy[row + i] * params[wOff + i] : dy[row + i];
        dnSum += dn;
        dnNormSum += dn * norm;
        if (wOff >= 0) {
          dparams[wOff + i] += dy[row + i] * norm;
        }
        if (bOff >= 0) {
          dparams[bOff + i] += dy[row + i];
        }
      }
      if (dx == null) {
        continue;
      }
      float dnMean = (float) (dnSum / n);
      float dnNormMean = (float) (dnNormSum / n);
      for (int i = 0; i < n; i++) {
        float norm = (x[row + i] - m) * s;
        float dn = wOff >= 0 ? dy[row + i] * params[wOff + i] : dy[row + i];
        dx[row + i] += s * (dn - dnMean - norm * dnNormMean);
      }
    }
  }
}
