package dev.staticnet.examples;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the image programs do when the command line or the data is wrong: print what was expected and
 * exit (2 for bad options, 1 for missing or unreadable data).
 */
final class Cli {
  private Cli() {}

  /** Parses the options, or prints the usage and exits (0 for {@code --help}, 2 for a bad option). */
  static ImageOptions parse(String[] args, int defaultEpochs, int defaultBatch, String usage) {
    try {
      return ImageOptions.parse(args, defaultEpochs, defaultBatch);
    } catch (ImageOptions.HelpRequested e) {
      System.out.println(usage);
      System.exit(0);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(usage);
      System.exit(2);
    }
    throw new AssertionError("unreachable");
  }

  /** {@code --data} if given, else Fashion-MNIST's Debian directory (installing it as root), else exit 1. */
  static Path fashionDirectory(ImageOptions options) {
    if (options.data() != null) {
      return options.data();
    }
    try {
      return FashionMnist.debian().locate(System.out);
    } catch (FashionMnist.MissingException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      throw new AssertionError("unreachable");
    }
  }

  /** Loads the data set or exits 1 naming the directory and what it must hold. */
  static ImageData load(Path dir, float mean, float std, int limit) {
    try {
      return ImageData.load(dir, mean, std, limit);
    } catch (IOException e) {
      System.err.println("error: cannot load " + dir + ": " + e.getMessage());
      System.err.println("Pass --data DIR with the four MNIST-format IDX files (for Fashion-MNIST on Debian: "
          + "apt-get install " + FashionMnist.PACKAGE + ", then --data " + FashionMnist.DEBIAN_DIR + ").");
      System.exit(1);
      throw new AssertionError("unreachable");
    }
  }
}
