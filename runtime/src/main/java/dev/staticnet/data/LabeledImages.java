package dev.staticnet.data;

/**
 * One split of an image classification data set, in memory: normalised pixels and class labels.
 *
 * @param images {@code (count, rows * cols)} floats, row-major (one channel, so NCHW with C = 1)
 * @param labels {@code (count)} class indices
 * @param count number of images
 * @param rows image height
 * @param cols image width
 */
public record LabeledImages(float[] images, int[] labels, int count, int rows, int cols) {
  /** Floats per image, {@code rows * cols}. */
  public int sampleSize() {
    return rows * cols;
  }

  @Override
  public String toString() {
    return "LabeledImages[" + count + " x " + rows + "x" + cols + "]";
  }
}
