package dev.staticnet.kernel;

/**
 * Batch normalisation over x shaped (batch, channels, spatial): spatial = 1 for (C) inputs, H·W for
 * (C, H, W). Statistics are per channel over batch·spatial values. γ = params[wOff ..], β =
 * params[bOff ..], each (channels); {@code wOff < 0} means affine = false. Running statistics live
 * in {@code buffers} at rmOff (running_mean) and rvOff (running_var); the generated code counts
 * num_batches_tracked.
 */
public final class BatchNormKernel {
  private BatchNormKernel() {}

  /**
   * Training mode: normalises with the batch mean and biased variance, caches mean and rstd
   * (channels), and updates running = (1 − momentum)·running + momentum·stat with the unbiased
   * variance for running_var.
   *
   * @throws IllegalArgumentException before touching anything when batch·spatial == 1 (PyTorch's rule)
   */
  public static void forwardTrain(float[] y, float[] mean, float[] rstd, float[] x, float[] params, int wOff,
                                  int bOff, float[] buffers, int rmOff, int rvOff, int batch, int channels,
                                  int spatial, float eps, float momentum) {
    int count = batch * spatial;
    if (count <= 1) {
      throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size ("
          + batch + ", " + channels + (spatial > 1 ? ", " + spatial : "") + ")");
    }
    int stride = channels * spatial; // between samples
    for (int c = 0; c < channels; c++) {
      double sum = 0;
      for (int b = 0; b < batch; b++) {
        int base = b * stride + c * spatial;
        for (int s = 0; s < spatial; s++) {
          sum += x[base + s];
        }
      }
      double mu = sum / count;
      double sq = 0;
      for (int b = 0; b < batch; b++) {
        int base = b * stride + c * spatial;
        for (int s = 0; s < spatial; s++) {
          double d = x[base + s] - mu;
          sq += d * d;
        }
      }
      double var = sq / count; // biased: normalises the batch
      float m = (float) mu;
      float r = (float) (1 / Math.sqrt(var + eps));
      mean[c] = m;
      rstd[c] = r;
      normalise(y, x, c, m, r, params, wOff, bOff, batch, stride, spatial);
      double unbiased = sq / (count - 1);
      buffers[rmOff + c] = (float) ((1 - momentum) * buffers[rmOff + c] + momentum * mu);
      buffers[rvOff + c] = (float) ((1 - momentum) * buffers[rvOff + c] + momentum * unbiased);
    }
  }

  /** Eval mode: y = (x − running_mean)/sqrt(running_var + eps)·γ + β. */
  public static void forwardEval(float[] y, float[] x, float[] params, int wOff, int bOff, float[] buffers,
                                 int rmOff, int rvOff, int batch, int channels, int spatial, float eps) {
    int stride = channels * spatial;
    for (int c = 0; c < channels; c++) {
      float r = (float) (1 / Math.sqrt(buffers[rvOff + c] + (double) eps));
      normalise(y, x, c, buffers[rmOff + c], r, params, wOff, bOff, batch, stride, spatial);
    }
  }

  /**
   * Training-mode backward with the batch statistics cached by forwardTrain, per channel over its
   * N = batch·spatial values: dx += rstd·(dn − mean(dn) − n̂·mean(dn·n̂)) with n̂ = (x − μ)·rstd and
   * dn = dy·γ (dx may be null); dγ += Σ dy·n̂, dβ += Σ dy.
   */
  public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] mean, float[] rstd,
                              float[] params, int wOff, int bOff, int batch, int channels, int spatial) {
    int stride = channels * spatial;
    int count = batch * spatial;
    for (int c = 0; c < channels; c++) {
      float m = mean[c];
      float r = rstd[c];
      double dySum = 0;
      double dyNormSum = 0;
      for (int b = 0; b < batch; b++) {
        int base = b * stride + c * spatial;
        for (int s = 0; s < spatial; s++) {
          float g = dy[base + s];
          dySum += g;
          dyNormSum += g * ((x[base + s] - m) * r);
        }
      }
      float gamma = wOff >= 0 ? params[wOff + c] : 1f;
      if (wOff >= 0) {
        dparams[wOff + c] += (float) dyNormSum;
      }
      if (bOff >= 0) {
        dparams[bOff + c] += (float) dySum;
      }
      if (dx == null) {
        continue;
      }
      float dnMean = (float) (gamma * dySum / count);
      float dnNormMean = (float) (gamma * dyNormSum / count);
      for (int b = 0; b < batch; b++) {
        int base = b * stride + c * spatial;
        for (int s = 0; s < spatial; s++) {
          float norm = (x[base + s] - m) * r;
          dx[base + s] += r * (gamma * dy[base + s] - dnMean - norm * dnNormMean);
        }
      }
    }
  }

  /**
   * Eval-mode backward (the running statistics are constants): dx += dy·γ·rstd, dγ += Σ dy·n̂,
   * dβ += Σ dy with n̂ = (x − running_mean)·rstd and rstd = 1/sqrt(running_var + eps).
   */
  public static void backwardEval(float[] dx, float[] dparams, float[] dy, float[] x, float[] params, int wOff,
                                  int bOff, float[] buffers, int rmOff, int rvOff, int batch, int channels,
                                  int spatial, float eps) {
    int stride = channels * spatial;
    for (int c = 0; c < channels; c++) {
      float m = buffers[rmOff + c];
      float r = (float) (1 / Math.sqrt(buffers[rvOff + c] + (double) eps));
      float scale = wOff >= 0 ? params[wOff + c] * r : r;
      double dySum = 0;
      double dyNormSum = 0;
      for (int b = 0; b < batch; b++) {
        int base = b * stride + c * spatial;
        for (int s = 0; s < spatial; s++) {
          float g = dy[base + s];
          dySum += g;
          dyNormSum += g * ((x[base + s] - m) * r);
          if (dx != null) {
            dx[base + s] += g * scale;
          }
        }
      }
      if (wOff >= 0) {
        dparams[wOff + c] += (float) dyNormSum;
      }
      if (bOff >= 0) {
        dparams[bOff + c] += (float) dySum;
      }
    }
  }

  /** y = (x − m)·r·γ + β over channel c. */
  private static void normalise(float[] y, float[] x, int c, float m, float r, float[] params, int wOff, int bOff,
                                int batch, int stride, int spatial) {
    float scale = wOff >= 0 ? params[wOff + c] * r : r;
    float shift = bOff >= 0 ? params[bOff + c] : 0f;
    for (int b = 0; b < batch; b++) {
      int base = b * stride + c * spatial;
      for (int s = 0; s < spatial; s++) {
        y[base + s] = (x[base + s] - m) * scale + shift;
      }
    }
  }
}
