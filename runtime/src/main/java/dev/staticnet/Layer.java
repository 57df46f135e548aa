package dev.staticnet;

/** One step of a network as the summary describes it. */
public interface Layer {
  /** Dotted step name, as in parameter names: {@code c1}, {@code stage1.0.conv1}. */
  String name();

  /** Layer kind as PyTorch names it: {@code Linear}, {@code Conv2d}, {@code ReLU}, ... */
  String kind();

  /** Per-sample output shape. */
  Shape outputShape();

  /** Trainable parameters of this step. */
  long parameterCount();
}
