package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;

/** Calls of {@code Activations.forward/backward} for standalone, fused and post-residual activations. */
final class ActivationCall {
  private ActivationCall() {}

  /** {@code ReLU}, {@code LeakyReLU}, ... as PyTorch names the module, for comments. */
  static String displayName(String activation) {
    switch (activation) {
      case "RELU": return "ReLU";
      case "LEAKY_RELU": return "LeakyReLU";
      case "SIGMOID": return "Sigmoid";
      case "TANH": return "Tanh";
      case "GELU": return "GELU";
      default: throw new IllegalArgumentException("not an activation: " + activation);
    }
  }

  /** The slope argument: the step's slope constant for LEAKY_RELU, else {@code 0f} (unused by the kernel). */
  static String slope(String activation, String slopeConstant) {
    return activation.equals("LEAKY_RELU") ? slopeConstant : "0f";
  }

  /** Declares {@code <prefix>_SLOPE} when the activation is LEAKY_RELU; returns the slope argument. */
  static String slopeConstant(Constants c, String activation, String prefix, double slope) {
    return activation.equals("LEAKY_RELU") ? c.floatConstant(prefix + "_SLOPE", slope) : "0f";
  }

  static void forward(Pass p, String activation, String y, String x, String n, String slope) {
    p.statement("$T.forward($T.$L, $L, $L, $L, $L)", RuntimeTypes.ACTIVATIONS, RuntimeTypes.ACTIVATION, activation,
        y, x, n, slope);
  }

  /** @param write {@link Pass#gradientWrite} of dx's slot */
  static void backward(Pass p, String activation, String dx, String dy, String x, String y, String n, String slope,
      CodeBlock write) {
    p.statement("$T.backward($T.$L, $L, $L, $L, $L, $L, $L$L)", RuntimeTypes.ACTIVATIONS, RuntimeTypes.ACTIVATION,
        activation, dx, dy, x, y, n, slope, write);
  }
}
