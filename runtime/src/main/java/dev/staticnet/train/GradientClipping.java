package dev.staticnet.train;

/** Clipping of a flat gradient array, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Scales {@code grads} in place so that its L2 norm is at most {@code maxNorm}:
   * {@code g *= min(1, maxNorm / (norm + 1e-6))} (PyTorch's formula).
   *
   * @return the norm before clipping
   */
  public static double clipByGlobalNorm(float[] grads, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
    }
    double sumSq = 0;
    for (float g : grads) {
      sumSq += (double) g * g;
    }
    double norm = Math.sqrt(sumSq);
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      float c = (float) coef;
      for (int i = 0; i < grads.length; i++) {
        grads[i] *= c;
      }
    }
    return norm;
  }
}
