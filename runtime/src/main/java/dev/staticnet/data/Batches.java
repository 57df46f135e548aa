package dev.staticnet.data;

import dev.staticnet.train.Rng;

/**
 * Mini-batches over a data set held as one flat array: an index permutation (reshuffled per epoch
 * from a seeded {@link Rng} when shuffling is on) and reusable buffers the current batch is copied
 * into. After construction nothing is allocated. The last batch is smaller when the batch size does
 * not divide the count (PyTorch's {@code drop_last=False}) unless {@code dropLast} is set; it has
 * buffers of its own so that every buffer's length is exactly {@code rows x sampleSize}.
 *
 * <pre>
 * Batches batches = Batches.of(train.images(), train.labels(), train.sampleSize(), 64, true, seed);
 * for (int epoch = 0; epoch &lt; epochs; epoch++) {
 *   batches.shuffle();
 *   for (int b = 0; b &lt; batches.count(); b++) {
 *     int rows = batches.load(b);
 *     model.trainStep(batches.inputs(), batches.labels(), rows, optimizer);
 *   }
 * }
 * </pre>
 */
public final class Batches {
  private final float[] inputs; // (count, sampleSize)
  private final int[] labels; // (count) or null
  private final float[] targets; // (count, targetSize) or null
  private final int sampleSize;
  private final int targetSize;
  private final int count;
  private final int batchSize;
  private final int batches;
  private final int[] order;
  private final Rng rng;

  private final float[] fullInputs; // (batchSize, sampleSize)
  private final int[] fullLabels;
  private final float[] fullTargets;
  private final float[] lastInputs; // (count % batchSize, sampleSize), or null
  private final int[] lastLabels;
  private final float[] lastTargets;
  private int loaded = -1;

  private Batches(float[] inputs, int[] labels, float[] targets, int sampleSize, int targetSize, int batchSize,
      boolean dropLast, Rng rng) {
    if (sampleSize < 1 || inputs.length % sampleSize != 0) {
      throw new IllegalArgumentException("inputs has " + inputs.length + " floats, not a multiple of the sample size "
          + sampleSize);
    }
    this.count = inputs.length / sampleSize;
    if (labels != null && labels.length != count) {
      throw new IllegalArgumentException("inputs holds " + count + " samples but labels has " + labels.length);
    }
    if (targets != null && (targetSize < 1 || targets.length != (long) count * targetSize)) {
      throw new IllegalArgumentException("inputs holds " + count + " samples, so targets needs " + count + " x "
          + targetSize + " floats, got " + targets.length);
    }
    if (batchSize < 1 || batchSize > count) {
      throw new IllegalArgumentException("batch size must be in [1, " + count + "] (the sample count), got "
          + batchSize);
    }
    this.inputs = inputs;
    this.labels = labels;
    this.targets = targets;
    this.sampleSize = sampleSize;
    this.targetSize = targetSize;
    this.batchSize = batchSize;
    this.rng = rng;
    int remainder = dropLast ? 0 : count % batchSize;
    this.batches = count / batchSize + (remainder > 0 ? 1 : 0);
    this.order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    this.fullInputs = new float[batchSize * sampleSize];
    this.fullLabels = labels != null ? new int[batchSize] : null;
    this.fullTargets = targets != null ? new float[batchSize * targetSize] : null;
    this.lastInputs = remainder > 0 ? new float[remainder * sampleSize] : null;
    this.lastLabels = remainder > 0 && labels != null ? new int[remainder] : null;
    this.lastTargets = remainder > 0 && targets != null ? new float[remainder * targetSize] : null;
  }

  /**
   * Batches of class-labelled samples.
   *
   * @param inputs {@code (count, sampleSize)} floats
   * @param labels {@code (count)} class indices
   * @param shuffle reshuffle on {@link #shuffle()} from a generator seeded with {@code seed}; else keep the order
   */
  public static Batches of(float[] inputs, int[] labels, int sampleSize, int batchSize, boolean shuffle, long seed) {
    return new Batches(inputs, labels, null, sampleSize, 0, batchSize, false, shuffle ? new Rng(seed) : null);
  }

  /** As {@link #of(float[], int[], int, int, boolean, long)}, dropping the incomplete last batch. */
  public static Batches dropLast(float[] inputs, int[] labels, int sampleSize, int batchSize, boolean shuffle,
      long seed) {
    return new Batches(inputs, labels, null, sampleSize, 0, batchSize, true, shuffle ? new Rng(seed) : null);
  }

  /** Batches of samples with float targets {@code (count, targetSize)} (for MSE / BCE losses). */
  public static Batches withTargets(float[] inputs, float[] targets, int sampleSize, int targetSize, int batchSize,
      boolean shuffle, long seed) {
    return new Batches(inputs, null, targets, sampleSize, targetSize, batchSize, false, shuffle ? new Rng(seed) : null);
  }

  /** Sequential batches of inputs only (evaluation). */
  public static Batches sequential(float[] inputs, int sampleSize, int batchSize) {
    return new Batches(inputs, null, null, sampleSize, 0, batchSize, false, null);
  }

  /**
   * Draws a new order for the next epoch (Fisher–Yates from the identity, so the order depends only on
   * the seed and the number of epochs so far). Does nothing for an unshuffled instance.
   */
  public void shuffle() {
    if (rng == null) {
      return;
    }
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** Batches per epoch. */
  public int count() {
    return batches;
  }

  /** Samples in the data set. */
  public int samples() {
    return count;
  }

  /** Samples per epoch actually visited ({@code samples()} unless the last batch is dropped). */
  public int samplesPerEpoch() {
    return lastInputs != null || count % batchSize == 0 ? count : (count / batchSize) * batchSize;
  }

  /** Rows in batch {@code b}. */
  public int rows(int b) {
    checkIndex(b);
    return b == batches - 1 && lastInputs != null ? count - b * batchSize : batchSize;
  }

  /**
   * Copies batch {@code b} of the current order into the buffers returned by {@link #inputs()},
   * {@link #labels()} and {@link #targets()}.
   *
   * @return the rows in this batch
   */
  public int load(int b) {
    int rows = rows(b);
    boolean last = rows != batchSize;
    float[] x = last ? lastInputs : fullInputs;
    int[] y = last ? lastLabels : fullLabels;
    float[] t = last ? lastTargets : fullTargets;
    int start = b * batchSize;
    for (int r = 0; r < rows; r++) {
      int src = order[start + r];
      System.arraycopy(inputs, src * sampleSize, x, r * sampleSize, sampleSize);
      if (y != null) {
        y[r] = labels[src];
      }
      if (t != null) {
        System.arraycopy(targets, src * targetSize, t, r * targetSize, targetSize);
      }
    }
    loaded = b;
    return rows;
  }

  /** The inputs of the last loaded batch, {@code (rows, sampleSize)}; the array is reused. */
  public float[] inputs() {
    return isLastPartial() ? lastInputs : fullInputs;
  }

  /** The labels of the last loaded batch, {@code (rows)}; {@code null} without labels. */
  public int[] labels() {
    return isLastPartial() ? lastLabels : fullLabels;
  }

  /** The targets of the last loaded batch, {@code (rows, targetSize)}; {@code null} without targets. */
  public float[] targets() {
    return isLastPartial() ? lastTargets : fullTargets;
  }

  /** The data-set index of row {@code r} of batch {@code b} in the current order. */
  public int sampleIndex(int b, int r) {
    return order[b * batchSize + r];
  }

  private boolean isLastPartial() {
    if (loaded < 0) {
      throw new IllegalStateException("no batch loaded yet: call load(b) first");
    }
    return loaded == batches - 1 && lastInputs != null;
  }

  private void checkIndex(int b) {
    if (b < 0 || b >= batches) {
      throw new IndexOutOfBoundsException("batch " + b + " of " + batches + " (expected 0 to " + (batches - 1) + ")");
    }
  }
}
