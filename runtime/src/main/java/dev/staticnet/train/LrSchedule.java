package dev.staticnet.train;

/**
 * A learning rate as a function of the step count (the caller chooses the unit: batches or epochs).
 * {@link Trainer} applies it with {@link dev.staticnet.Optimizer#setLearningRate} before each batch.
 */
@FunctionalInterface
public interface LrSchedule {
  /** The learning rate for step {@code t} (0-based). */
  float at(long t);

  /** A constant rate. */
  static LrSchedule constant(float lr) {
    return t -> lr;
  }

  /** PyTorch's {@code StepLR}: {@code lr * gamma^floor(t / stepSize)}. */
  static LrSchedule step(float lr, long stepSize, float gamma) {
    if (stepSize < 1) {
      throw new IllegalArgumentException("StepLR: stepSize must be >= 1, got " + stepSize);
    }
    return t -> (float) (lr * Math.pow(gamma, Math.floorDiv(t, stepSize)));
  }

  /**
   * PyTorch's {@code CosineAnnealingLR} (closed form):
   * {@code minLr + (lr - minLr) * (1 + cos(pi * t / tMax)) / 2}, held at {@code minLr} after {@code tMax}.
   */
  static LrSchedule cosine(float lr, long tMax, float minLr) {
    if (tMax < 1) {
      throw new IllegalArgumentException("CosineAnnealingLR: tMax must be >= 1, got " + tMax);
    }
    return t -> (float) (minLr + (lr - minLr) * (1 + Math.cos(Math.PI * Math.min(t, tMax) / tMax)) / 2);
  }
}
