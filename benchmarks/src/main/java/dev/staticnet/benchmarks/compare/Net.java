package dev.staticnet.benchmarks.compare;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.Parameters;

/**
 * The part of {@link Model} the harness drives: a training step, eval-mode prediction and the parameters by
 * PyTorch name (so the PyTorch side starts from the same weights). A generated model plugs in through
 * {@link #of(Model)}.
 */
public interface Net {
  /** Forward, cross-entropy, backward and one optimiser update; returns the batch's mean loss. */
  float trainStep(float[] input, int[] labels, int batch, Optimizer optimizer);

  /** Eval-mode forward pass into {@code output}. */
  void predict(float[] input, int batch, float[] output);

  /** Named tensors in PyTorch {@code state_dict} order. */
  Parameters parameters();

  /** A generated model ({@code StaticNet_*}) seen as a {@code Net}. */
  static Net of(Model model) {
    return new Net() {
      @Override
      public float trainStep(float[] input, int[] labels, int batch, Optimizer optimizer) {
        return model.trainStep(input, labels, batch, optimizer);
      }

      @Override
      public void predict(float[] input, int batch, float[] output) {
        model.predict(input, batch, output);
      }

      @Override
      public Parameters parameters() {
        return model.parameters();
      }
    };
  }
}
