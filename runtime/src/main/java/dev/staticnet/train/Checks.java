package dev.staticnet.train;

/** Hyper-parameter checks shared by the optimiser builders; messages name the optimiser and the value. */
final class Checks {
  private Checks() {}

  /** {@code value >= 0} and finite. */
  static float nonNegative(String owner, String what, float value) {
    if (!(value >= 0) || Float.isInfinite(value)) {
      throw new IllegalArgumentException(owner + ": " + what + " must be a finite value >= 0, got " + value);
    }
    return value;
  }

  /** {@code 0 <= value < 1}. */
  static float unitInterval(String owner, String what, float value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(owner + ": " + what + " must be in [0, 1), got " + value);
    }
    return value;
  }
}
