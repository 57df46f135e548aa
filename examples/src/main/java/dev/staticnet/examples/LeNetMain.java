package dev.staticnet.examples;

import dev.staticnet.Model;
import dev.staticnet.data.MnistDataset;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains {@link LeNet5} on MNIST (or Fashion-MNIST) and reports per epoch the mean training loss, the
 * test accuracy, the training throughput and the epoch time. Default recipe: Adam lr 1e-3 with a cosine
 * decay to 0 over 10 epochs, batch 64, inputs normalised with MNIST's mean and std.
 *
 * <pre>
 * usage: LeNetMain [--data DIR] [--epochs N] [--batch N] [--optimizer adam|sgd] [--lr X] [--seed S] [--limit N]
 * </pre>
 *
 * {@code --data} defaults to {@code ../shared/data/mnist}; Fashion-MNIST on Debian:
 * {@code --data /usr/share/datasets/fashion-mnist}. Run with {@code --add-modules jdk.incubator.vector}.
 */
public final class LeNetMain {
  static final int EPOCHS = 10;
  static final int BATCH = 64;
  static final String OPTIMIZER = "adam";
  static final float LR = 1e-3f;
  static final String USAGE = "usage: LeNetMain [options]\n" + ImageOptions.COMMON_HELP
      + "\n  defaults: --data ../shared/data/mnist --epochs " + EPOCHS + " --batch " + BATCH + " --optimizer "
      + OPTIMIZER + " --lr " + LR;

  private LeNetMain() {}

  public static void main(String[] args) {
    ImageOptions options = Cli.parse(args, EPOCHS, BATCH, USAGE);
    Path dir = options.dataOr(MnistDataset.defaultDirectory());
    ImageData data = Cli.load(dir, MnistDataset.MNIST_MEAN, MnistDataset.MNIST_STD, options.limit());
    System.out.println(data.describe(dir));
    Recipe recipe = Recipe.of(options, OPTIMIZER, LR);
    Model model = LeNet5.create(options.seed());
    System.out.println("== LeNet-5, " + recipe + " (" + model.parameterCount() + " parameters)");
    System.out.println(model.summary());
    ClassifierRun.Result result = ClassifierRun.train(model, recipe.newOptimizer(), recipe, data, options.seed(),
        System.out);
    System.out.printf(Locale.ROOT, "LeNet-5: final test accuracy %.2f%% after %d epoch%s, %.1f s of training%n",
        100 * result.accuracy(), recipe.epochs(), recipe.epochs() == 1 ? "" : "s", result.trainingSeconds());
  }
}
