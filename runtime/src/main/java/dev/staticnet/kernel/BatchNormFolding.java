package dev.staticnet.kernel;

/**
 * Folds an eval-mode BatchNorm into the convolution (or any per-output-channel linear map) feeding
 * it: {@code BN(W·x + b) = W'·x + b'} with, per output channel {@code o},
 * <pre>
 * s_o  = γ_o / √(running_var_o + eps)
 * W'_o = W_o · s_o
 * b'_o = (b_o − running_mean_o) · s_o + β_o      (b = 0 without bias; γ = 1, β = 0 without affine)
 * </pre>
 * Computed in double and rounded once, so the folded convolution matches the two-pass result to
 * float rounding.
 */
public final class BatchNormFolding {
  private BatchNormFolding() {}

  /**
   * Writes {@code W'} to {@code folded[fwOff ..]} ({@code channels × perChannel}) and {@code b'} to
   * {@code folded[fbOff ..]} ({@code channels}).
   *
   * @param wOff       the weight {@code (channels, perChannel)} in {@code params}
   * @param bOff       the layer's bias in {@code params}, {@code < 0} for none
   * @param gammaOff   BatchNorm's weight in {@code params}, {@code < 0} without affine (then betaOff too)
   * @param rmOff      running_mean in {@code buffers}
   * @param rvOff      running_var in {@code buffers}
   * @param perChannel weights per output channel ({@code inC/groups · kh · kw} for a convolution)
   */
  public static void fold(float[] folded, int fwOff, int fbOff, float[] params, int wOff, int bOff, int gammaOff,
                          int betaOff, float[] buffers, int rmOff, int rvOff, int channels, int perChannel,
                          float eps) {
    if (channels < 1 || perChannel < 1) {
      throw new IllegalArgumentException("BatchNorm folding: channels and perChannel must be >= 1, got "
          + channels + " and " + perChannel);
    }
    if ((long) fwOff + (long) channels * perChannel > folded.length || (long) fbOff + channels > folded.length) {
      throw new IllegalArgumentException("BatchNorm folding: folded holds " + folded.length + " floats, too few for "
          + channels + " x " + perChannel + " weights at " + fwOff + " and " + channels + " biases at " + fbOff);
    }
    for (int o = 0; o < channels; o++) {
      double gamma = gammaOff >= 0 ? params[gammaOff + o] : 1.0;
      double beta = betaOff >= 0 ? params[betaOff + o] : 0.0;
      double s = gamma / Math.sqrt(buffers[rvOff + o] + (double) eps);
      int row = o * perChannel;
      for (int k = 0; k < perChannel; k++) {
        folded[fwOff + row + k] = (float) (params[wOff + row + k] * s);
      }
      double b = bOff >= 0 ? params[bOff + o] : 0.0;
      folded[fbOff + o] = (float) ((b - buffers[rmOff + o]) * s + beta);
    }
  }
}
