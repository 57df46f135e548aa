package dev.staticnet.examples;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.data.Batches;
import dev.staticnet.data.LabeledImages;
import dev.staticnet.data.MnistDataset;
import dev.staticnet.train.EpochStats;
import dev.staticnet.train.Evaluator;
import dev.staticnet.train.Trainer;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Trains an image classifier by a {@link Recipe}, evaluating on the test split after every epoch and
 * printing one line per epoch: mean training loss, test accuracy, training samples/s, epoch time.
 */
final class ClassifierRun {
  /** Test images per {@code predict} call. */
  static final int EVAL_BATCH = 1000;

  /**
   * What a run ended with.
   *
   * @param accuracy test accuracy after the last epoch, in [0, 1]
   * @param trainingSeconds wall-clock time of the training steps (evaluation excluded)
   * @param steps optimiser steps taken
   * @param lastLoss mean training loss of the last epoch
   */
  record Result(double accuracy, double trainingSeconds, long steps, double lastLoss) {}

  private ClassifierRun() {}

  /** Trains {@code model} with {@code optimizer} (made by {@code recipe}) and prints the progress to {@code out}. */
  static Result train(Model model, Optimizer optimizer, Recipe recipe, ImageData data, long seed, PrintStream out) {
    LabeledImages train = data.train();
    Trainer trainer = new Trainer(model, optimizer,
        Batches.of(train.images(), train.labels(), train.sampleSize(), Math.min(recipe.batch(), train.count()), true,
            seed),
        recipe.schedule(train.count()));
    Evaluator evaluator = evaluator(data.test());
    double accuracy = 0;
    double seconds = 0;
    double loss = Double.NaN;
    for (int e = 0; e < recipe.epochs(); e++) {
      EpochStats stats = trainer.epoch();
      long start = System.nanoTime();
      accuracy = evaluator.accuracy(model);
      double evalSeconds = (System.nanoTime() - start) * 1e-9;
      seconds += stats.seconds();
      loss = stats.meanLoss();
      out.printf(Locale.ROOT,
          "epoch %d/%d  loss %.4f  test accuracy %.2f%%  %,.0f samples/s  epoch %.1f s (eval %.1f s)%n",
          stats.epoch(), recipe.epochs(), stats.meanLoss(), 100 * accuracy, stats.samplesPerSecond(),
          stats.seconds(), evalSeconds);
      out.flush();
    }
    return new Result(accuracy, seconds, trainer.steps(), loss);
  }

  /** Test accuracy of {@code model} on {@code test}, in [0, 1]. */
  static double accuracy(Model model, LabeledImages test) {
    return evaluator(test).accuracy(model);
  }

  private static Evaluator evaluator(LabeledImages test) {
    return new Evaluator(test.images(), test.labels(), test.sampleSize(), MnistDataset.CLASSES,
        Math.min(EVAL_BATCH, test.count()));
  }
}
