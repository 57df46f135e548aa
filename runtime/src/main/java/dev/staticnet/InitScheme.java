package dev.staticnet;

/** Weight initialisation schemes (SEMANTICS.md); biases of overridden steps are set to zero except for DEFAULT. */
public enum InitScheme {
  /** PyTorch's default for the layer kind. */
  DEFAULT,
  /** All zeros. */
  ZEROS,
  /** {@code N(0, std)}. */
  NORMAL,
  /** {@code N(0, sqrt(2 / (fan_in + fan_out)))}. */
  XAVIER_NORMAL,
  /** {@code U(-a, a)}, {@code a = sqrt(6 / (fan_in + fan_out))}. */
  XAVIER_UNIFORM,
  /** {@code N(0, 1 / sqrt(fan_in))}. */
  LECUN_NORMAL,
  /** {@code N(0, sqrt(2 / fan_in))}. */
  KAIMING_NORMAL,
  /** {@code U(-a, a)}, {@code a = sqrt(6 / fan_in)}. */
  KAIMING_UNIFORM
}
