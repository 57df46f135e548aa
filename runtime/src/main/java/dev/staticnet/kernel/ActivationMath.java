package dev.staticnet.kernel;

/**
 * Scalar float forms of the smooth activations, bit for bit what {@link ActivationVector} computes:
 * σ and tanh are {@link SeqMath}'s; GELU is exact (the erf form, not the tanh approximation), with
 * {@code erfc} from the Chebyshev fit {@code erfc(a) = t·exp(−a² + P(t))}, {@code t = 1/(1 + a/2)},
 * fractional error below 1.2e-7 for every {@code a ≥ 0} (Numerical Recipes, {@code erfcc}).
 */
final class ActivationMath {
  static final float SQRT_HALF = 0.70710678118654752f;
  static final float INV_SQRT_2PI = 0.39894228040143268f;

  private ActivationMath() {}

  /** {@code Φ(x) = ½·erfc(−x/√2)}: the standard normal CDF. */
  static float cdf(float x) {
    float u = x * -SQRT_HALF;
    float a = Math.abs(u);
    float t = 1f / (a * 0.5f + 1f);
    float p = t * 0.17087277f - 0.82215223f;
    p = p * t + 1.48851587f;
    p = p * t - 1.13520398f;
    p = p * t + 0.27886807f;
    p = p * t - 0.18628806f;
    p = p * t + 0.09678418f;
    p = p * t + 0.37409196f;
    p = p * t + 1.00002368f;
    p = p * t - 1.26551223f;
    float tail = t * SeqMath.exp(p - a * a); // erfc(|u|)
    float erfc = u < 0f ? 2f - tail : tail;
    return erfc * 0.5f;
  }

  /** GELU, {@code x·Φ(x)}. */
  static float gelu(float x) {
    return x * cdf(x);
  }

  /** GELU's derivative, {@code Φ(x) + x·φ(x)} with {@code φ(x) = e^{−x²/2}/√(2π)}. */
  static float geluDerivative(float x) {
    float pdf = SeqMath.exp(x * x * -0.5f) * INV_SQRT_2PI;
    return cdf(x) + x * pdf;
  }
}
