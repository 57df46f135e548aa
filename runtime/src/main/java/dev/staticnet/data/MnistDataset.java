package dev.staticnet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * MNIST (or any data set in its four-file IDX layout, such as Fashion-MNIST) loaded into memory.
 * A directory holds {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each raw or with {@code .gz}.
 * Pixels become {@code (p / 255 - mean) / std} in float, as torchvision's
 * {@code ToTensor()} then {@code Normalize((mean,), (std,))}.
 */
public final class MnistDataset {
  /** MNIST's training-set pixel mean (torchvision recipes). */
  public static final float MNIST_MEAN = 0.1307f;
  /** MNIST's training-set pixel standard deviation. */
  public static final float MNIST_STD = 0.3081f;
  /** Classes in MNIST and Fashion-MNIST. */
  public static final int CLASSES = 10;

  private final LabeledImages train;
  private final LabeledImages test;

  private MnistDataset(LabeledImages train, LabeledImages test) {
    this.train = train;
    this.test = test;
  }

  /** Loads {@code dir} normalised with MNIST's mean and standard deviation. */
  public static MnistDataset load(Path dir) throws IOException {
    return load(dir, MNIST_MEAN, MNIST_STD);
  }

  /**
   * Loads {@code dir} normalised with the given mean and standard deviation (of pixels in [0, 1]).
   *
   * @throws NoSuchFileException if a file is missing, naming the directory and both accepted names
   * @throws IdxFormatException if a file is malformed, or images and labels disagree
   */
  public static MnistDataset load(Path dir, float mean, float std) throws IOException {
    if (!(std > 0)) {
      throw new IllegalArgumentException("std must be > 0, got " + std);
    }
    LabeledImages train = loadSplit(dir, "train", mean, std);
    LabeledImages test = loadSplit(dir, "t10k", mean, std);
    return new MnistDataset(train, test);
  }

  /** The 60,000 training images (for MNIST). */
  public LabeledImages train() {
    return train;
  }

  /** The 10,000 test images (for MNIST). */
  public LabeledImages test() {
    return test;
  }

  /**
   * The default data directory: {@code ../shared/data/mnist} relative to the project root, found by
   * walking up from the working directory (so it works from the root and from a module folder).
   * Falls back to {@code ../shared/data/mnist} relative to the working directory.
   */
  public static Path defaultDirectory() {
    Path relative = Path.of("..", "shared", "data", "mnist");
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(relative).normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return relative;
  }

  private static LabeledImages loadSplit(Path dir, String split, float mean, float std) throws IOException {
    Path imagesFile = find(dir, split + "-images-idx3-ubyte");
    Path labelsFile = find(dir, split + "-labels-idx1-ubyte");
    IdxArray images = Idx.read(imagesFile);
    IdxArray labels = Idx.read(labelsFile);
    if (images.dims().length != 3) {
      throw new IdxFormatException(imagesFile, "expected images of rank 3 (count, rows, cols), got dims "
          + Arrays.toString(images.dims()));
    }
    if (labels.dims().length != 1) {
      throw new IdxFormatException(labelsFile, "expected labels of rank 1 (count), got dims "
          + Arrays.toString(labels.dims()));
    }
    if (images.count() != labels.count()) {
      throw new IdxFormatException(labelsFile, "holds " + labels.count() + " labels, but " + imagesFile.getFileName()
          + " holds " + images.count() + " images; expected one label per image");
    }
    int count = images.count();
    int[] y = new int[count];
    for (int i = 0; i < count; i++) {
      y[i] = labels.unsigned(i);
      if (y[i] >= CLASSES) {
        throw new IdxFormatException(labelsFile, "label " + y[i] + " at index " + i + " is out of range; expected 0 to "
            + (CLASSES - 1));
      }
    }
    return new LabeledImages(normalise(images.data(), mean, std), y, count, images.dims()[1], images.dims()[2]);
  }

  /** {@code (p / 255 - mean) / std} in float, per pixel. */
  private static float[] normalise(byte[] pixels, float mean, float std) {
    float[] x = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      x[i] = ((pixels[i] & 0xFF) / 255f - mean) / std;
    }
    return x;
  }

  private static Path find(Path dir, String name) throws NoSuchFileException {
    Path raw = dir.resolve(name);
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    Path gz = dir.resolve(name + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    throw new NoSuchFileException(raw.toString(), null, "expected " + name + " or " + name + ".gz in "
        + dir.toAbsolutePath().normalize() + " (a directory with the four MNIST-format IDX files)");
  }
}
