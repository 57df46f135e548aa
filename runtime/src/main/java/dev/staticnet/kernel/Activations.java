package dev.staticnet.kernel;

import dev.staticnet.Activation;

/** Element-wise activations and their derivatives (PyTorch semantics, GELU exact). */
public final class Activations {
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  private Activations() {}

  /** y = act(x) over n elements ({@code y} may be {@code x}); {@code slope} is LEAKY_RELU's negative slope. */
  public static void forward(Activation kind, float[] y, float[] x, int n, float slope) {
    switch (kind) {
      case NONE:
        if (y != x) {
          System.arraycopy(x, 0, y, 0, n);
        }
        break;
      case RELU:
        for (int i = 0; i < n; i++) {
          y[i] = Math.max(x[i], 0f);
        }
        break;
      case LEAKY_RELU:
        for (int i = 0; i < n; i++) {
          float v = x[i];
          y[i] = v > 0f ? v : slope * v;
        }
        break;
      case SIGMOID:
        for (int i = 0; i < n; i++) {
          y[i] = sigmoid(x[i]);
        }
        break;
      case TANH:
        for (int i = 0; i < n; i++) {
          y[i] = tanh(x[i]);
        }
        break;
      case GELU:
        for (int i = 0; i < n; i++) {
          y[i] = gelu(x[i]);
        }
        break;
      default:
        throw new IllegalArgumentException("unsupported activation " + kind);
    }
  }

  /**
   * dx += act'(x)·dy over n elements. RELU, SIGMOID and TANH read the forward output y, LEAKY_RELU
   * and GELU read the input x; callers pass both (dx distinct from them).
   */
  public static void backward(Activation kind, float[] dx, float[] dy, float[] x, float[] y, int n, float slope) {
    switch (kind) {
      case NONE:
        for (int i = 0; i < n; i++) {
          dx[i] += dy[i];
        }
        break;
      case RELU: // PyTorch's threshold_backward: gradient where the output is positive
        for (int i = 0; i < n; i++) {
          dx[i] += y[i] > 0f ? dy[i] : 0f;
        }
        break;
      case LEAKY_RELU:
        for (int i = 0; i < n; i++) {
          dx[i] += x[i] > 0f ? dy[i] : slope * dy[i];
        }
        break;
      case SIGMOID: // σ' = σ(1 - σ)
        for (int i = 0; i < n; i++) {
          float s = y[i];
          dx[i] += dy[i] * s * (1f - s);
        }
        break;
      case TANH: // tanh' = 1 - tanh²
        for (int i = 0; i < n; i++) {
          float t = y[i];
          dx[i] += dy[i] * (1f - t * t);
        }
        break;
      case GELU:
        for (int i = 0; i < n; i++) {
          dx[i] += dy[i] * geluDerivative(x[i]);
        }
        break;
      default:
        throw new IllegalArgumentException("unsupported activation " + kind);
    }
  }

  /** σ(x) = 1 / (1 + e^{-x}). */
  static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }

  /**
   * tanh(x) = (e^{2x} − 1)/(e^{2x} + 1) in double: Math.exp is an intrinsic, Math.tanh is several
   * times slower; the cancellation near 0 costs ~1e-16/|x| relative, invisible in float.
   */
  static float tanh(float x) {
    if (Math.abs(x) > 20f) { // e^{40}: tanh is ±1 in float, and e^{2x} may overflow beyond
      return Math.signum(x);
    }
    if (Math.abs(x) < 1e-6f) {
      return x;
    }
    double e = Math.exp(2.0 * x);
    return (float) ((e - 1) / (e + 1));
  }

  /** Exact GELU: x·Φ(x) = 0.5·x·erfc(-x/√2) (erfc keeps the negative tail accurate). */
  static float gelu(float x) {
    return (float) (0.5 * x * Erf.erfc(-x * SQRT_HALF));
  }

  /** GELU'(x) = Φ(x) + x·φ(x). */
  static float geluDerivative(float x) {
    double cdf = 0.5 * Erf.erfc(-x * SQRT_HALF);
    double pdf = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    return (float) (cdf + x * pdf);
  }
}
