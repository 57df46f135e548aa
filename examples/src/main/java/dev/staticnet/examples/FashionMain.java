package dev.staticnet.examples;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The README's main job: LeNet-5 on Fashion-MNIST with a checkpoint round trip ({@link FashionJob}).
 * Prints per epoch the mean training loss, the test accuracy, the training samples/s and the epoch
 * time; then writes a checkpoint, reloads it into a fresh model and exits 0 only if the reloaded
 * model's test accuracy equals the trained one's (and its logits are bit-identical).
 *
 * <p>Fashion-MNIST comes from Debian's {@code dataset-fashion-mnist} package in
 * {@code /usr/share/datasets/fashion-mnist}: when it is missing the program installs it with
 * {@code apt-get} if it runs as root, and otherwise says what to install and exits 1.
 * Run with {@code --add-modules jdk.incubator.vector}.
 */
public final class FashionMain {
  static final int EPOCHS = 5;
  static final int BATCH = 64;
  static final String OPTIMIZER = "adam";
  static final float LR = 2e-3f;
  /** Relative to the working directory: {@code examples/target/} under {@code mvn -pl examples exec:exec}. */
  static final Path CHECKPOINT = Path.of("target", "lenet5-fashion.ckpt");
  static final String USAGE = "usage: FashionMain [options]\n" + ImageOptions.COMMON_HELP + "\n"
      + "  --checkpoint F    where to write the checkpoint (default " + CHECKPOINT + ")\n"
      + "  defaults: --data " + FashionMnist.DEBIAN_DIR + " --epochs " + EPOCHS + " --batch " + BATCH
      + " --optimizer " + OPTIMIZER + " --lr " + LR;

  private FashionMain() {}

  public static void main(String[] args) {
    ImageOptions options = Cli.parse(args, EPOCHS, BATCH, USAGE);
    Path dir = Cli.fashionDirectory(options);
    ImageData data = Cli.load(dir, ImageData.FASHION_MEAN, ImageData.FASHION_STD, options.limit());
    System.out.println(data.describe(dir));
    Path checkpoint = options.checkpoint() != null ? options.checkpoint() : CHECKPOINT;
    FashionJob.Outcome outcome;
    try {
      outcome = FashionJob.run(data, Recipe.of(options, OPTIMIZER, LR), options.seed(), checkpoint, System.out);
    } catch (IOException e) {
      System.err.println("error: checkpoint " + checkpoint + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    if (!outcome.roundTripExact()) {
      System.err.println("error: the model reloaded from " + checkpoint + " does not reproduce the trained one "
          + "(see the line above)");
      System.exit(1);
    }
    System.out.println("checkpoint round trip: OK (same test accuracy, same logits)");
  }
}
