package dev.staticnet;

import java.util.List;

/**
 * A network: the interface every {@link Network} extends and every generated class implements.
 *
 * <p>Thread safety: {@link #predict} may be called by many threads at once on one model (each call
 * borrows its own workspace; the weights are shared read-only). Training calls ({@link #trainStep}),
 * {@link Parameters#set} and loading must not run concurrently with anything else on the same model.
 */
public interface Model {
  /** Per-sample input shape. */
  Shape inputShape();

  /** Per-sample output shape. */
  Shape outputShape();

  /** Number of trainable parameters. */
  long parameterCount();

  /** Every step in order, blocks flattened with dotted names. */
  List<Layer> layers();

  /**
   * Eval-mode forward pass.
   *
   * @param input {@code batch x inputShape} values, row-major (token ids as floats for TOKENS inputs)
   * @return {@code batch x outputShape} values
   * @throws IllegalArgumentException if {@code input.length != batch * inputShape().size()}
   */
  float[] predict(float[] input, int batch);

  /** As {@link #predict(float[], int)}, writing into {@code output} (no allocation after warm-up). */
  void predict(float[] input, int batch, float[] output);

  /**
   * Train-mode forward, loss, backward and one optimiser update for class-index losses
   * ({@code CROSS_ENTROPY}, {@code NLL}).
   *
   * @return the mean loss over the batch before the update
   */
  float trainStep(float[] input, int[] labels, int batch, Optimizer optimizer);

  /** As {@link #trainStep(float[], int[], int, Optimizer)} for target-valued losses ({@code MSE}, {@code BCE*}). */
  float trainStep(float[] input, float[] targets, int batch, Optimizer optimizer);

  /** Named tensors in PyTorch {@code state_dict} order. */
  Parameters parameters();

  /** The compile-time summary table. */
  String summary();
}
