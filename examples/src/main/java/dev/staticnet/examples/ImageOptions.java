package dev.staticnet.examples;

import java.nio.file.Path;

/**
 * Command-line options of the image-classifier programs ({@link LeNetMain}, {@link ResNetMain},
 * {@link FashionMain}). {@code --name value} and {@code --name=value} are both accepted; options a
 * program does not list in its usage keep their defaults.
 *
 * @param data directory with the four MNIST-format IDX files, or {@code null} for the program's default
 * @param epochs training epochs
 * @param batch training batch size
 * @param optimizer {@code adam} (Adam) or {@code sgd} (SGD, Nesterov momentum 0.9, weight decay 5e-4), or
 *     {@code null} for the program's default; either way the rate follows a cosine decay to 0
 * @param lr peak learning rate, or {@code NaN} for the program's default
 * @param seed seed of the initial weights and of the shuffling
 * @param limit train on the first {@code limit} training images and test on the first {@code limit / 6}
 *     test images (quick runs); 0 means all
 * @param checkpoint checkpoint file, or {@code null} for the program's default
 */
record ImageOptions(Path data, int epochs, int batch, String optimizer, float lr, long seed, int limit, Path checkpoint) {
  /** The help text of the options every image program accepts. */
  static final String COMMON_HELP = ""
      + "  --data DIR        directory with train-/t10k-images-idx3-ubyte(.gz) and -labels-idx1-ubyte(.gz)\n"
      + "  --epochs N        training epochs\n"
      + "  --batch N         training batch size\n"
      + "  --optimizer O     adam, or sgd (Nesterov momentum 0.9, weight decay 5e-4)\n"
      + "  --lr X            peak learning rate (a cosine schedule decays it to 0 over the run)\n"
      + "  --seed S          seed of the weights and the shuffling (default 0)\n"
      + "  --limit N         train on the first N training images only, test on the first N/6 (quick runs)";

  /** Thrown for {@code --help}: print the usage and exit 0. */
  static final class HelpRequested extends IllegalArgumentException {
    HelpRequested() {
      super("help");
    }
  }

  /**
   * Parses {@code args} over the given defaults.
   *
   * @throws HelpRequested for {@code --help} or {@code -h}
   * @throws IllegalArgumentException naming the option at fault and what it expects
   */
  static ImageOptions parse(String[] args, int defaultEpochs, int defaultBatch) {
    Path data = null;
    int epochs = defaultEpochs;
    int batch = defaultBatch;
    String optimizer = null;
    float lr = Float.NaN;
    long seed = 0;
    int limit = 0;
    Path checkpoint = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (name.equals("--help") || name.equals("-h")) {
          throw new HelpRequested();
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      switch (name) {
        case "--data" -> data = Path.of(value);
        case "--epochs" -> epochs = positiveInt(name, value);
        case "--batch" -> batch = positiveInt(name, value);
        case "--optimizer" -> {
          if (!value.equals("adam") && !value.equals("sgd")) {
            throw new IllegalArgumentException("--optimizer expects adam or sgd, got '" + value + "'");
          }
          optimizer = value;
        }
        case "--lr" -> lr = positiveFloat(name, value);
        case "--seed" -> seed = integer(name, value);
        case "--limit" -> limit = positiveInt(name, value);
        case "--checkpoint" -> checkpoint = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }
    return new ImageOptions(data, epochs, batch, optimizer, lr, seed, limit, checkpoint);
  }

  /** The learning rate given, or {@code fallback}. */
  float lrOr(float fallback) {
    return Float.isNaN(lr) ? fallback : lr;
  }

  /** The optimizer named, or {@code fallback}. */
  String optimizerOr(String fallback) {
    return optimizer != null ? optimizer : fallback;
  }

  /** The data directory given, or {@code fallback}. */
  Path dataOr(Path fallback) {
    return data != null ? data : fallback;
  }

  private static int positiveInt(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " expects a positive integer, got '" + value + "'");
  }

  private static float positiveFloat(String name, String value) {
    try {
      float x = Float.parseFloat(value);
      if (x > 0 && Float.isFinite(x)) {
        return x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " expects a positive number, got '" + value + "'");
  }

  private static long integer(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " expects an integer, got '" + value + "'");
    }
  }
}
