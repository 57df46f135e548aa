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
    for (int r = 0; r < rows; r++) {
      int row = r * n;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += x[row + i];
      }
      double mu = sum / n;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        double d = x[row + i] - mu;
        sq += d * d;
      }
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
