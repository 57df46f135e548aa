package dev.staticnet.processor.gen;

/** Java literals as a person would write them. */
final class Literals {
  private Literals() {}

  /** {@code 392000} → {@code 392_000}; numbers below 10 000 stay plain. */
  static String integer(long value) {
    String digits = Long.toString(Math.abs(value));
    if (digits.length() <= 4) {
      return Long.toString(value);
    }
    StringBuilder sb = new StringBuilder();
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    sb.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      sb.append('_').append(digits, i, i + 3);
    }
    return (value < 0 ? "-" : "") + sb;
  }

  /** The float nearest {@code value}: {@code 1e-5} → {@code 1.0E-5f}, {@code 0.1} → {@code 0.1f}. */
  static String floating(double value) {
    return Float.toString((float) value) + "f";
  }

  /** {@code (B, 16, 5, 5)}: a per-sample shape with the batch axis. */
  static String shape(dev.staticnet.processor.model.Dims dims) {
    StringBuilder sb = new StringBuilder("(B");
    for (int d : dims.dims()) {
      sb.append(", ").append(d);
    }
    return sb.append(')').toString();
  }
}
