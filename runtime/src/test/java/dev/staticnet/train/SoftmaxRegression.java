package dev.staticnet.train;

import dev.staticnet.Layer;
import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.Parameters;
import dev.staticnet.Shape;
import java.util.List;

/** A hand-written test double of a generated model: logits = x W^T + b, softmax cross-entropy. */
final class SoftmaxRegression implements Model {
  private final int in;
  private final int classes;
  final float[] params; // W (classes, in) then b (classes)
  private final float[] grads;
  private final float[] logits;

  SoftmaxRegression(int in, int classes, long seed) {
    this.in = in;
    this.classes = classes;
    this.params = new float[classes * in + classes];
    this.grads = new float[params.length];
    this.logits = new float[classes];
    Init.uniform(params, 0, params.length, (float) (1 / Math.sqrt(in)), new Rng(seed));
  }

  @Override
  public Shape inputShape() {
    return Shape.of(in);
  }

  @Override
  public Shape outputShape() {
    return Shape.of(classes);
  }

  @Override
  public long parameterCount() {
    return params.length;
  }

  @Override
  public List<Layer> layers() {
    return List.of();
  }

  @Override
  public float[] predict(float[] input, int batch) {
    float[] out = new float[batch * classes];
    predict(input, batch, out);
    return out;
  }

  @Override
  public void predict(float[] input, int batch, float[] output) {
    if (input.length != batch * in || output.length != batch * classes) {
      throw new IllegalArgumentException("sizes");
    }
    for (int r = 0; r < batch; r++) {
      for (int k = 0; k < classes; k++) {
        float s = params[classes * in + k];
        for (int j = 0; j < in; j++) {
          s += params[k * in + j] * input[r * in + j];
        }
        output[r * classes + k] = s;
      }
    }
  }

  @Override
  public float trainStep(float[] input, int[] labels, int batch, Optimizer optimizer) {
    java.util.Arrays.fill(grads, 0f);
    double loss = 0;
    for (int r = 0; r < batch; r++) {
      float max = Float.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        float s = params[classes * in + k];
        for (int j = 0; j < in; j++) {
          s += params[k * in + j] * input[r * in + j];
        }
        logits[k] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        sum += Math.exp(logits[k] - max);
      }
      loss += Math.log(sum) + max - logits[labels[r]];
      for (int k = 0; k < classes; k++) {
        float d = (float) ((Math.exp(logits[k] - max) / sum - (k == labels[r] ? 1 : 0)) / batch);
        for (int j = 0; j < in; j++) {
          grads[k * in + j] += d * input[r * in + j];
        }
        grads[classes * in + k] += d;
      }
    }
    optimizer.step(params, grads);
    return (float) (loss / batch);
  }

  /** Target overload: records the call and returns the mean of the targets (enough to test the routing). */
  @Override
  public float trainStep(float[] input, float[] targets, int batch, Optimizer optimizer) {
    targetSteps++;
    double s = 0;
    for (float t : targets) {
      s += t;
    }
    return (float) (s / targets.length);
  }

  int targetSteps;

  @Override
  public Parameters parameters() {
    throw new UnsupportedOperationException();
  }

  @Override
  public String summary() {
    return "SoftmaxRegression";
  }
}
