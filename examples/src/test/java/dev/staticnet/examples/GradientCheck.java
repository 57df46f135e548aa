package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.staticnet.GeneratedModel;
import dev.staticnet.Parameters;
import java.util.function.DoubleUnaryOperator;

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
  private boolean checkInput = true;
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

  /** As {@link #check} for a model on token ids: only its tensors, the ids have no gradient. */
  static int checkTensors(Object model, float[] ids, int[] labels, float[] targets, int batch, boolean training) {
    GradientCheck c = new GradientCheck((GeneratedModel) model, ids, labels, targets, batch, training);
    c.checkInput = false;
    c.run();
    return c.checked;
  }

  private void run() {
    model.gradients(input, labels, targets, batch, training);
    float[] inputGradient = checkInput ? model.inputGradient() : new float[0];
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
        int index = i;
        float saved = values[i];
        compare(name + "[" + i + "]", analytic[i], h -> {
          values[index] = (float) (saved + h);
          params.set(name, values);
          double plus = loss();
          values[index] = (float) (saved - h);
          params.set(name, values);
          double minus = loss();
          values[index] = saved;
          params.set(name, values);
          return (plus - minus) / span(saved, h);
        });
      }
    }
    assertTrue(tensors > 0 || model.parameterCount() == 0, "no trainable tensor was checked");
    for (int i = 0; i < inputGradient.length; i++) {
      int index = i;
      float saved = input[i];
      compare("input[" + i + "]", inputGradient[i], h -> {
        input[index] = (float) (saved + h);
        double plus = loss();
        input[index] = (float) (saved - h);
        double minus = loss();
        input[index] = saved;
        return (plus - minus) / span(saved, h);
      });
    }
  }

  /** The step actually taken in float: {@code fl(v + h) − fl(v − h)}, not quite 2h. */
  private static double span(float v, double h) {
    return (double) (float) (v + h) - (double) (float) (v - h);
  }

  private double loss() {
    return model.loss(input, labels, targets, batch, training);
  }

  /**
   * Compares with the central difference at step {@link #H}; if they disagree, once more at H/8:
   * near a kink (ReLU at 0, a dead unit) the wide step straddles it but the narrow one does not,
   * while a wrong gradient disagrees at both.
   */
  private void compare(String what, double analytic, DoubleUnaryOperator difference) {
    checked++;
    double numeric = difference.applyAsDouble(H);
    if (agrees(analytic, numeric)) {
      return;
    }
    double narrow = difference.applyAsDouble(H / 8);
    if (!agrees(analytic, narrow)) {
      fail(model.getClass().getSimpleName() + ": d loss / d " + what + " is " + analytic + " by backward, but "
          + numeric + " by central differences (" + narrow + " with h/8)");
    }
  }

  private static boolean agrees(double analytic, double numeric) {
    double error = Math.abs(analytic - numeric);
    return error <= ABS_TOLERANCE + REL_TOLERANCE * Math.max(Math.abs(analytic), Math.abs(numeric));
  }
}
