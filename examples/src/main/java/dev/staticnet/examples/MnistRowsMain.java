package dev.staticnet.examples;

import dev.staticnet.Optimizer;
import dev.staticnet.data.Batches;
import dev.staticnet.data.LabeledImages;
import dev.staticnet.data.MnistDataset;
import dev.staticnet.train.Adam;
import dev.staticnet.train.EpochStats;
import dev.staticnet.train.Evaluator;
import dev.staticnet.train.LrSchedule;
import dev.staticnet.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains the sequence classifier {@link MnistRows} (an LSTM over the 28 rows of each MNIST image)
 * and reports, per epoch, the mean training loss, the test accuracy and the epoch time. Adam, lr
 * 2e-3 with cosine decay to 0 over the run, gradients clipped at global norm 1, batch 64.
 *
 * <p>Measured with the defaults (seed 0, 3 epochs): test accuracy 96.85 %, 98.45 %, 98.73 % after
 * epochs 1, 2, 3 (training loss 0.301, 0.069, 0.033).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ... dev.staticnet.examples.MnistRowsMain
 *     [--data DIR] [--epochs N] [--seed N]</pre>
 */
public final class MnistRowsMain {
  private static final int BATCH = 64;
  private static final float LR = 2e-3f;

  private MnistRowsMain() {}

  public static void main(String[] args) {
    Path dir = MnistDataset.defaultDirectory();
    int epochs = 3;
    long seed = 0;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        usage("missing value after " + args[i]);
      }
      switch (args[i]) {
        case "--data" -> dir = Path.of(args[i + 1]);
        case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (epochs < 1) {
      usage("--epochs must be at least 1, got " + epochs);
    }
    MnistDataset data;
    try {
      data = MnistDataset.load(dir);
    } catch (IOException e) {
      System.err.println("error: cannot load MNIST: " + e.getMessage());
      System.err.println("Pass --data DIR with the four IDX files.");
      System.exit(1);
      return;
    }
    LabeledImages train = data.train();
    LabeledImages test = data.test();
    MnistRows model = MnistRows.create(seed);
    System.out.printf(Locale.ROOT, "MNIST as sequences: %d training and %d test images, 28 steps x 28 features%n",
        train.count(), test.count());
    System.out.println(model.summary());
    Optimizer adam = Adam.builder(LR).clipGradNorm(1f).build();
    long steps = (long) epochs * ((train.count() + BATCH - 1) / BATCH);
    Trainer trainer = new Trainer(model, adam,
        Batches.of(train.images(), train.labels(), train.sampleSize(), BATCH, true, seed),
        LrSchedule.cosine(LR, steps, 0f));
    Evaluator evaluator = new Evaluator(test.images(), test.labels(), test.sampleSize(), MnistDataset.CLASSES, 1000);
    double accuracy = 0;
    double seconds = 0;
    for (int e = 0; e < epochs; e++) {
      EpochStats stats = trainer.epoch();
      accuracy = evaluator.accuracy(model);
      seconds += stats.seconds();
      System.out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  test accuracy %.2f%%  %,.0f samples/s  epoch %.1f s%n",
          stats.epoch(), epochs, stats.meanLoss(), 100 * accuracy, stats.samplesPerSecond(), stats.seconds());
    }
    System.out.printf(Locale.ROOT, "MnistRows (LSTM 128 over rows): final test accuracy %.2f%% after %d epochs, "
        + "%.1f s of training%n", 100 * accuracy, epochs, seconds);
  }

  private static void usage(String error) {
    System.err.println("error: " + error);
    System.err.println("usage: MnistRowsMain [--data DIR] [--epochs N] [--seed N]");
    System.exit(2);
  }
}
