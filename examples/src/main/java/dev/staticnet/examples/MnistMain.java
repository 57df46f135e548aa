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
import java.util.Locale;

/**
 * Trains the MNIST MLPs and reports, per epoch, the mean training loss, the test accuracy, the
 * training throughput and the epoch time. Under Maven: {@code -Dexample.main=dev.staticnet.examples.MnistMain}
 * (the default main job is {@link FashionMain}).
 *
 * <ul>
 *   <li>{@code twolayer}: the seeds' recipe, {@link TwoLayerNet} 784-500-10, SGD lr 0.005, batch 8.
 *   <li>{@code deep}: {@link DeepMlp} 784-512-256-128-10, Adam lr 1e-3 with cosine decay, batch 64.
 * </ul>
 *
 * Inputs are normalised with mean 0.1307 and std 0.3081 as in the seeds. Run with
 * {@code --add-modules jdk.incubator.vector} for the SIMD kernels.
 */
public final class MnistMain {
  private static final int EVAL_BATCH = 1000;

  private MnistMain() {}

  public static void main(String[] args) {
    MnistOptions options;
    try {
      options = MnistOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().equals("help")) {
        System.err.println("error: " + e.getMessage());
      }
      System.err.println(MnistOptions.USAGE);
      System.exit(e.getMessage().equals("help") ? 0 : 2);
      return;
    }
    MnistDataset data;
    try {
      data = MnistDataset.load(options.data());
    } catch (IOException e) {
      System.err.println("error: cannot load MNIST: " + e.getMessage());
      System.err.println("Pass --data DIR with the four IDX files (for Fashion-MNIST on Debian: "
          + "apt-get install dataset-fashion-mnist, then --data /usr/share/datasets/fashion-mnist).");
      System.exit(1);
      return;
    }
    System.out.printf(Locale.ROOT, "data %s: %d training and %d test images of %dx%d%n",
        options.data().toAbsolutePath().normalize(), data.train().count(), data.test().count(),
        data.train().rows(), data.train().cols());

    if (options.runs("twolayer")) {
      train("TwoLayerNet 784-500-10, SGD lr 0.005, batch 8", TwoLayerNet.create(options.seed()),
          Optimizer.sgd(0.005f), 8, null, data, options);
    }
    if (options.runs("deep")) {
      int batch = 64;
      long steps = (long) options.epochs() * ((data.train().count() + batch - 1) / batch);
      train("DeepMlp 784-512-256-128-10, Adam lr 1e-3 (cosine decay), batch 64", DeepMlp.create(options.seed()),
          Optimizer.adam(1e-3f), batch, LrSchedule.cosine(1e-3f, steps, 0f), data, options);
    }
  }

  private static void train(String title, Model model, Optimizer optimizer, int batch, LrSchedule schedule,
      MnistDataset data, MnistOptions options) {
    LabeledImages train = data.train();
    LabeledImages test = data.test();
    System.out.println();
    System.out.println("== " + title + " (" + model.parameterCount() + " parameters)");
    System.out.println(model.summary());
    Trainer trainer = new Trainer(model, optimizer,
        Batches.of(train.images(), train.labels(), train.sampleSize(), batch, true, options.seed()), schedule);
    Evaluator evaluator = new Evaluator(test.images(), test.labels(), test.sampleSize(), MnistDataset.CLASSES,
        Math.min(EVAL_BATCH, test.count()));
    double totalSeconds = 0;
    double accuracy = 0;
    for (int e = 0; e < options.epochs(); e++) {
      EpochStats stats = trainer.epoch();
      long start = System.nanoTime();
      accuracy = evaluator.accuracy(model);
      double evalSeconds = (System.nanoTime() - start) * 1e-9;
      totalSeconds += stats.seconds();
      System.out.printf(Locale.ROOT,
          "epoch %d/%d  loss %.4f  test accuracy %.2f%%  %,.0f samples/s  epoch %.1f s (eval %.2f s)%n",
          stats.epoch(), options.epochs(), stats.meanLoss(), 100 * accuracy, stats.samplesPerSecond(),
          stats.seconds(), evalSeconds);
    }
    System.out.printf(Locale.ROOT, "%s: final test accuracy %.2f%% after %d epoch%s, %.1f s of training%n",
        title.substring(0, title.indexOf(' ')), 100 * accuracy, options.epochs(), options.epochs() == 1 ? "" : "s",
        totalSeconds);
  }
}
