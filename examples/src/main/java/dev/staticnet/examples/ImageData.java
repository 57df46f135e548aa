package dev.staticnet.examples;

import dev.staticnet.data.LabeledImages;
import dev.staticnet.data.MnistDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The training and test splits of an MNIST-format data set, normalised, optionally cut to their first
 * samples for quick runs.
 */
record ImageData(LabeledImages train, LabeledImages test) {
  /** Fashion-MNIST's training-set pixel mean and standard deviation (of pixels in [0, 1]). */
  static final float FASHION_MEAN = 0.2860f;
  static final float FASHION_STD = 0.3530f;

  /**
   * Loads {@code dir}, normalising pixels to {@code (p / 255 - mean) / std}; with {@code limit > 0} keeps
   * the first {@code limit} training and the first {@code max(1, limit / 6)} test images.
   */
  static ImageData load(Path dir, float mean, float std, int limit) throws IOException {
    MnistDataset all = MnistDataset.load(dir, mean, std);
    ImageData data = new ImageData(all.train(), all.test());
    return limit > 0 ? data.first(limit, Math.max(1, limit / 6)) : data;
  }

  /** The first {@code trainCount} training and {@code testCount} test images (fewer if a split is smaller). */
  ImageData first(int trainCount, int testCount) {
    return new ImageData(head(train, trainCount), head(test, testCount));
  }

  /** One line naming the directory and the split sizes. */
  String describe(Path dir) {
    return String.format(Locale.ROOT, "data %s: %d training and %d test images of %dx%d",
        dir.toAbsolutePath().normalize(), train.count(), test.count(), train.rows(), train.cols());
  }

  private static LabeledImages head(LabeledImages split, int n) {
    if (n >= split.count()) {
      return split;
    }
    return new LabeledImages(Arrays.copyOf(split.images(), n * split.sampleSize()),
        Arrays.copyOf(split.labels(), n), n, split.rows(), split.cols());
  }
}
