package dev.staticnet.train;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.data.Batches;

/**
 * The training loop: per epoch, reshuffle the batches, then one {@link Model#trainStep} per batch
 * (the class-label overload when the batches carry labels, the float-target one otherwise), with an
 * optional learning-rate schedule stepped per batch.
 * Allocates nothing per batch (the batches' buffers are reused).
 */
public final class Trainer {
  private final Model model;
  private final Optimizer optimizer;
  private final Batches batches;
  private final LrSchedule schedule;
  private long step;
  private int epoch;

  /**
   * @param schedule learning rate per batch step, or {@code null} to keep the optimiser's rate
   */
  public Trainer(Model model, Optimizer optimizer, Batches batches, LrSchedule schedule) {
    this.model = model;
    this.optimizer = optimizer;
    this.batches = batches;
    this.schedule = schedule;
  }

  /**
   * Trains one epoch.
   *
   * @throws ArithmeticException if the loss becomes NaN or infinite (naming the epoch and batch)
   */
  public EpochStats epoch() {
    epoch++;
    batches.shuffle();
    double lossSum = 0;
    long samples = 0;
    long start = System.nanoTime();
    for (int b = 0; b < batches.count(); b++) {
      if (schedule != null) {
        optimizer.setLearningRate(schedule.at(step));
      }
      int rows = batches.load(b);
      int[] labels = batches.labels();
      float loss = labels != null
          ? model.trainStep(batches.inputs(), labels, rows, optimizer)
          : model.trainStep(batches.inputs(), batches.targets(), rows, optimizer);
      if (!Float.isFinite(loss)) {
        throw new ArithmeticException("epoch " + epoch + ", batch " + b + ": the loss is " + loss
            + "; lower the learning rate or check the inputs");
      }
      lossSum += (double) loss * rows;
      samples += rows;
      step++;
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    return new EpochStats(epoch, lossSum / samples, samples, seconds);
  }

  /** Batch steps taken so far. */
  public long steps() {
    return step;
  }
}
