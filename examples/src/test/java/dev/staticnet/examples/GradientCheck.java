package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.staticnet.GeneratedModel;
import dev.staticnet.Parameters;

/**
 * Finite-difference check of a generated model's backward pass: every trainable tensor and the
 * input, against central differences {@code (L(θ+h) − L(θ−h)) / 2h} of the float model's loss,
 * computed in double. Reports the worst element.
 */
final class GradientCheck {
  /** Step: large enough that float rounding of the loss (~1e-7) stays small against 2h. */
  private static final double H = 4e-3;
  private static final double ABS_TOLERANCE = 1e-3;
  private static final double REL_TOLERANCE = 2e-2;

  private final GeneratedModel model;
  private final float[] input;
  private final int[] labels;
  private final float[] targets;
  private final int batch;
  private final boolean training;
  private int checked;

  private GradientCheck(GeneratedModel model, float[] input, int[] labels, float[] targets, int batch, boolean training) {
    this.model = model;
    this.input = input;
    this.labels = labels;
    this.targets = targets;
    this.batch = batch;
    this.training = training;
  }

  /** Checks every gradient of the model's loss on one batch; returns how many elements were compared. */
  static int check(Object model, float[] input, int[] labels, float[] targets, int batch, boolean training) {
    GradientCheck c = new GradientCheck((GeneratedModel) model, input, labels, targets, batch, training);
    c.run();
    return c.checked;
  }

  private void run() {
    model.gradients(input, labels, targets, batch, training);
    float[] inputGradient = model.inputGradient();
    Parameters params = model.parameters();
    int tensors = 0;
    for (String name : params.names()) {
      if (!params.trainable(name)) {
        continue;
      }
      tensors++;
      float[] analytic = model.gradient(name);
      float[] values = params.get(name);
      for (int i = 0; i < values.length; i++) {
        float saved = values[i];
        values[i] = (float) (saved + H);
        params.set(name, values);
        double plus = loss();
        values[i] = (float) (saved - H);
        params.set(name, values);
        double minus = loss();
        values[i] = saved;
        params.set(name, values);
        compare(name + "[" + i + "]", analytic[i], (plus - minus) / (2 * H));
      }
    }
    assertTrue(tensors > 0 || model.parameterCount() == 0, "no trainable tensor was checked");
    for (int i = 0; i < input.length; i++) {
      float saved = input[i];
      input[i] = (float) (saved + H);
      double plus = loss();
      input[i] = (float) (saved - H);
      double minus = loss();
      input[i] = saved;
      compare("input[" + i + "]", inputGradient[i], (plus - minus) / (2 * H));
    }
  }

  private double loss() {
    return model.loss(input, labels, targets, batch, training);
  }

  private void compare(String what, double analytic, double numeric) {
    checked++;
    double error = Math.abs(analytic - numeric);
    double allowed = ABS_TOLERANCE + REL_TOLERANCE * Math.max(Math.abs(analytic), Math.abs(numeric));
    if (!(error <= allowed)) {
      fail(model.getClass().getSimpleName() + ": d loss / d " + what + " is " + analytic
          + " by backward, but " + numeric + " by central differences (error " + error + ", allowed " + allowed + ")");
    }
  }
}
