package dev.staticnet.processor.gen;

/**
 * One workspace slot: an activation of the forward pass ({@code batch * perSample + fixed} floats),
 * or a cache the forward pass keeps for the backward pass (no gradient buffer).
 *
 * @param variable local variable naming the activation in generated code; its gradient is
 *     {@link Names#gradient}
 */
record Slot(int index, String variable, long perSample, long fixed, boolean cache) {
  String gradientVariable() {
    return Names.gradient(variable);
  }
}
