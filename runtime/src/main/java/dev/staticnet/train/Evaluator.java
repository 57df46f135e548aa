package dev.staticnet.train;

import dev.staticnet.Model;
import dev.staticnet.data.Batches;

/**
 * Classification accuracy of a model on a fixed labelled set, by eval-mode {@link Model#predict}
 * in batches into a reused output buffer (no allocation per batch). The predicted class is the
 * arg-max of each output row (the first one on ties).
 */
public final class Evaluator {
  private final int[] labels;
  private final Batches batches;
  private final int classes;
  private final float[] output; // (batch, classes)
  private final float[] lastOutput; // (last batch rows, classes), or null

  /**
   * @param inputs {@code (count, sampleSize)} floats
   * @param labels {@code (count)} class indices
   * @param classes the model's output size per sample
   */
  public Evaluator(float[] inputs, int[] labels, int sampleSize, int classes, int batchSize) {
    this.labels = labels;
    this.batches = Batches.sequential(inputs, sampleSize, batchSize);
    if (labels.length != batches.samples()) {
      throw new IllegalArgumentException("inputs holds " + batches.samples() + " samples but labels has "
          + labels.length);
    }
    this.classes = classes;
    this.output = new float[batchSize * classes];
    int lastRows = batches.rows(batches.count() - 1);
    this.lastOutput = lastRows != batchSize ? new float[lastRows * classes] : null;
  }

  /**
   * The fraction of samples whose arg-max output equals the label.
   *
   * @throws IllegalArgumentException if the model's output is not {@code classes} values per sample
   */
  public double accuracy(Model model) {
    if (model.outputShape().size() != classes) {
      throw new IllegalArgumentException("evaluator expects " + classes + " outputs per sample, the model gives "
          + model.outputShape());
    }
    long correct = 0;
    int sample = 0;
    for (int b = 0; b < batches.count(); b++) {
      int rows = batches.load(b);
      float[] out = rows * classes == output.length ? output : lastOutput;
      model.predict(batches.inputs(), rows, out);
      for (int r = 0; r < rows; r++, sample++) {
        if (argMax(out, r * classes, classes) == labels[sample]) {
          correct++;
        }
      }
    }
    return (double) correct / sample;
  }

  static int argMax(float[] x, int off, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (x[off + i] > x[off + best]) {
        best = i;
      }
    }
    return best;
  }
}
