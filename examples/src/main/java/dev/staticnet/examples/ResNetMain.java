package dev.staticnet.examples;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains {@link ResNetFashion} on Fashion-MNIST and reports per epoch the mean training loss, the test
 * accuracy, the training throughput and the epoch time.
 *
 * <pre>
 * usage: ResNetMain [--data DIR] [--epochs N] [--batch N] [--optimizer adam|sgd] [--lr X] [--seed S] [--limit N]
 * </pre>
 *
 * Fashion-MNIST comes from Debian's {@code dataset-fashion-mnist} package (installed with apt-get when
 * missing and running as root). Run with {@code --add-modules jdk.incubator.vector}.
 */
public final class ResNetMain {
  static final String USAGE = "usage: ResNetMain [options]\n" + ImageOptions.COMMON_HELP
      + "\n  defaults: --data " + FashionMnist.DEBIAN_DIR + " --epochs " + ResNetMain.EPOCHS + " --batch "
      + ResNetMain.BATCH + " --optimizer " + ResNetMain.OPTIMIZER + " --lr " + ResNetMain.LR;
  static final int EPOCHS = 3;
  static final int BATCH = 64;
  static final String OPTIMIZER = "adam";
  static final float LR = 2e-3f;

  private ResNetMain() {}

  public static void main(String[] args) {
    ImageOptions options = Cli.parse(args, EPOCHS, BATCH, USAGE);
    Path dir = Cli.fashionDirectory(options);
    ImageData data = Cli.load(dir, ImageData.FASHION_MEAN, ImageData.FASHION_STD, options.limit());
    System.out.println(data.describe(dir));
    Recipe recipe = Recipe.of(options, OPTIMIZER, LR);
    Model model = ResNetFashion.create(options.seed());
    System.out.println("== ResNetFashion, " + recipe + " (" + model.parameterCount() + " parameters)");
    System.out.println(model.summary());
    Optimizer optimizer = recipe.newOptimizer();
    ClassifierRun.Result result = ClassifierRun.train(model, optimizer, recipe, data, options.seed(), System.out);
    System.out.printf(Locale.ROOT, "ResNetFashion: final test accuracy %.2f%% after %d epoch%s, %.1f s of training%n",
        100 * result.accuracy(), recipe.epochs(), recipe.epochs() == 1 ? "" : "s", result.trainingSeconds());
  }
}
