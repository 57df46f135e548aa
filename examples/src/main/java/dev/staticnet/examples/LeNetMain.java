package dev.staticnet.examples;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.data.Batches;
import dev.staticnet.data.LabeledImages;
import dev.staticnet.data.MnistDataset;
import dev.staticnet.train.EpochStats;
import dev.staticnet.train.Evaluator;
import dev.staticnet.train.LrSchedule;
import dev.staticnet.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains {@link LeNet5} on MNIST (or Fashion-MNIST) with Adam lr 1e-3 (cosine decay), batch 64, and
 * reports per epoch the mean training loss, the test accuracy, the training throughput and the
 * epoch time.
 *
 * <pre>
 * usage: LeNetMain [--data DIR] [--epochs N] [--seed S]
 * </pre>
 *
 * {@code --data} defaults to {@code ../shared/data/mnist}; Fashion-MNIST on Debian:
 * {@code --data /usr/share/datasets/fashion-mnist}. Run with {@code --add-modules jdk.incubator.vector}.
 */
public final class LeNetMain {
  private static final int BATCH = 64;
  private static final float LEARNING_RATE = 1e-3f;
  private static final int EVAL_BATCH = 1000;
  private static final String USAGE = "usage: LeNetMain [--data DIR] [--epochs N] [--seed S]";

  private LeNetMain() {}

  public static void main(String[] args) {
    Path dir = MnistDataset.defaultDirectory();
    int epochs = 2;
    long seed = 0;
    try {
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--data" -> dir = Path.of(value);
          case "--epochs" -> epochs = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("--epochs expects a positive integer, got " + epochs);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    MnistDataset data;
    try {
      data = MnistDataset.load(dir);
    } catch (IOException e) {
      System.err.println("error: cannot load MNIST from " + dir + ": " + e.getMessage());
      System.err.println("Pass --data DIR with the four IDX files (for Fashion-MNIST on Debian: "
          + "apt-get install dataset-fashion-mnist, then --data /usr/share/datasets/fashion-mnist).");
      System.exit(1);
      return;
    }
    LabeledImages train = data.train();
    LabeledImages test = data.test();
    System.out.printf(Locale.ROOT, "data %s: %d training and %d test images of %dx%d%n",
        dir.toAbsolutePath().normalize(), train.count(), test.count(), train.rows(), train.cols());

    Model model = LeNet5.create(seed);
    System.out.println("== LeNet-5, Adam lr 1e-3 (cosine decay), batch " + BATCH + " (" + model.parameterCount()
        + " parameters)");
    System.out.println(model.summary());
    long steps = (long) epochs * ((train.count() + BATCH - 1) / BATCH);
    Trainer trainer = new Trainer(model, Optimizer.adam(LEARNING_RATE),
        Batches.of(train.images(), train.labels(), train.sampleSize(), BATCH, true, seed),
        LrSchedule.cosine(LEARNING_RATE, steps, 0f));
    Evaluator evaluator = new Evaluator(test.images(), test.labels(), test.sampleSize(), MnistDataset.CLASSES,
        Math.min(EVAL_BATCH, test.count()));
    double accuracy = 0;
    double totalSeconds = 0;
    for (int e = 0; e < epochs; e++) {
      EpochStats stats = trainer.epoch();
      accuracy = evaluator.accuracy(model);
      totalSeconds += stats.seconds();
      System.out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  test accuracy %.2f%%  %,.0f samples/s  epoch %.1f s%n",
          stats.epoch(), epochs, stats.meanLoss(), 100 * accuracy, stats.samplesPerSecond(), stats.seconds());
    }
    System.out.printf(Locale.ROOT, "LeNet-5: final test accuracy %.2f%% after %d epoch%s, %.1f s of training%n",
        100 * accuracy, epochs, epochs == 1 ? "" : "s", totalSeconds);
  }
}
