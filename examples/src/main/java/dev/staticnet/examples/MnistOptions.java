package dev.staticnet.examples;

import dev.staticnet.data.MnistDataset;
import java.nio.file.Path;

/**
 * Command-line options of {@link MnistMain}.
 *
 * @param data directory with the four MNIST-format IDX files
 * @param epochs epochs per model
 * @param model {@code twolayer}, {@code deep} or {@code all}
 * @param seed seed of the initial weights and of the shuffling
 */
record MnistOptions(Path data, int epochs, String model, long seed) {
  static final String USAGE = "usage: MnistMain [--data DIR] [--epochs N] [--model twolayer|deep|all] [--seed S]\n"
      + "  --data DIR    directory with train-/t10k-images-idx3-ubyte(.gz) and -labels-idx1-ubyte(.gz)\n"
      + "                (default ../shared/data/mnist beside the project; Fashion-MNIST works too)\n"
      + "  --epochs N    epochs per model (default 5)\n"
      + "  --model M     twolayer (784-500-10, SGD), deep (784-512-256-128-10, Adam) or all (default)\n"
      + "  --seed S      seed of the weights and the shuffling (default 0)";

  /**
   * Parses {@code args}; {@code --name value} and {@code --name=value} are both accepted.
   *
   * @throws IllegalArgumentException naming the option at fault and what it expects
   */
  static MnistOptions parse(String[] args) {
    Path data = null;
    int epochs = 5;
    String model = "all";
    long seed = 0;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (name.equals("--help") || name.equals("-h")) {
          throw new IllegalArgumentException("help");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      switch (name) {
        case "--data":
          data = Path.of(value);
          break;
        case "--epochs":
          epochs = positiveInt(name, value);
          break;
        case "--model":
          if (!value.equals("twolayer") && !value.equals("deep") && !value.equals("all")) {
            throw new IllegalArgumentException("--model expects twolayer, deep or all, got '" + value + "'");
          }
          model = value;
          break;
        case "--seed":
          try {
            seed = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed expects an integer, got '" + value + "'");
          }
          break;
        default:
          throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }
    return new MnistOptions(data != null ? data : MnistDataset.defaultDirectory(), epochs, model, seed);
  }

  boolean runs(String name) {
    return model.equals("all") || model.equals(name);
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
}
