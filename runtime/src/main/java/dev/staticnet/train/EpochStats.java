package dev.staticnet.train;

/**
 * What one training epoch did.
 *
 * @param epoch 1-based epoch number
 * @param meanLoss mean training loss per sample over the epoch (each batch's mean loss weighted by its rows)
 * @param samples samples trained on
 * @param seconds wall-clock time of the epoch's training steps
 */
public record EpochStats(int epoch, double meanLoss, long samples, double seconds) {
  /** Training throughput. */
  public double samplesPerSecond() {
    return samples / seconds;
  }
}
