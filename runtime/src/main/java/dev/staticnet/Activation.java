package dev.staticnet;

/** Element-wise activations, fused into {@link Linear}/{@link Conv2d} or used by {@link Residual} and {@link RNN}. */
public enum Activation {
  NONE,
  /** {@code max(0, x)}. */
  RELU,
  /** {@code x} if positive, else {@code 0.01 x}. */
  LEAKY_RELU,
  /** {@code 1 / (1 + exp(-x))}. */
  SIGMOID,
  /** {@code tanh(x)}. */
  TANH,
  /** Exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}. */
  GELU
}
