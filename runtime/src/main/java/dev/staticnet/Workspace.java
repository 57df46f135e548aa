package dev.staticnet;

import dev.staticnet.kernel.PackedWeights;
import java.util.Arrays;

/**
 * The activation and gradient buffers of one forward/backward pass at one batch size. Slot 0 is
 * the caller's input array (not copied); the last slot is the output. Cache slots (normalisation
 * statistics, dropout masks) have no gradient buffer. A workspace belongs to one call at a time.
 */
public final class Workspace {
  /** Batch size the buffers were sized for. */
  public final int batch;
  /** {@code act[s]}: slot {@code s}, {@code batch * perSample + fixed} floats. */
  public final float[][] act;
  /**
   * Gradients of the loss with respect to each slot; {@code null} for inference workspaces, and
   * {@code grad[s] == null} for cache slots. {@code grad[0]}, the input gradient, is {@code null}
   * unless the caller asked for it, so that the first layer skips computing it.
   */
  public final float[][] grad;

  private final float[] inputGradient;
  /** The gradient arrays of optional-gradient slots, attached to {@link #grad} only on request. */
  private final float[][] optionalGradients;
  private final boolean folded;
  private final boolean[] assigned;
  /** The model's pre-packed weights during an inference call that uses them; otherwise null. */
  PackedWeights packed;

  /** A workspace for the unfolded pass. */
  Workspace(ModelSpec spec, int batch, boolean training) {
    this(spec, batch, training, false);
  }

  /**
   * @param training with gradient buffers, every activation in its own array (the backward pass
   *     reads them) but those declared {@link ModelSpec.Builder#trainingInPlace in place in training},
   *     gradients shared where {@link ModelSpec.Builder#sharedGradient declared}; otherwise an
   *     inference workspace, where element-wise steps declared {@link ModelSpec.Builder#inPlace in
   *     place} share their input's array
   * @param folded   for the folded inference pass: slots it never touches are left {@code null}
   */
  Workspace(ModelSpec spec, int batch, boolean training, boolean folded) {
    if (training && folded) {
      throw new IllegalArgumentException(spec.network + ": the folded pass is for inference only");
    }
    this.batch = batch;
    this.folded = folded;
    this.assigned = spec.slotGradientAssigned;
    int n = spec.slots();
    this.act = new float[n][];
    this.grad = training ? new float[n][] : null;
    this.optionalGradients = new float[n][];
    for (int s = 1; s < n; s++) {
      if (folded && spec.slotFoldedAway[s]) {
        continue;
      }
      int size = Math.addExact(Math.multiplyExact(batch, spec.slotPerSample[s]), spec.slotFixed[s]);
      int shared = training ? spec.slotTrainingInPlaceOf[s] : spec.slotInPlaceOf[s];
      act[s] = shared == s ? new float[size] : act[shared];
      if (training && spec.slotHasGradient[s]) {
        int sharedGradient = spec.slotGradientOf[s];
        grad[s] = sharedGradient == s ? new float[size] : grad[sharedGradient];
        if (spec.slotOptionalGradient[s]) {
          optionalGradients[s] = grad[s];
        }
      }
    }
    this.inputGradient = training ? new float[Math.multiplyExact(batch, spec.slotPerSample[0])] : null;
  }

  /**
   * Whether the forward pass runs BatchNorm-folded: each {@code @Conv2d} followed by a
   * {@code @BatchNorm} is one convolution with the folded weights (eval mode, no backward).
   */
  public boolean folded() {
    return folded;
  }

  /**
   * The model's weight matrices packed for the GEMM, valid for the current call, or null (training,
   * or pre-packing off): the generated forward pass hands it to the Dense and attention kernels.
   */
  public PackedWeights packedWeights() {
    return packed;
  }

  /** Whether the backward pass computes the gradient with respect to the input ({@code grad[0]}). */
  void computeInputGradient(boolean wanted) {
    grad[0] = wanted ? inputGradient : null;
    for (int s = 1; s < grad.length; s++) {
      if (optionalGradients[s] != null) {
        grad[s] = wanted ? optionalGradients[s] : null;
      }
    }
  }

  /**
   * Zeroes the gradient buffers that backward kernels add into. A slot whose first writer assigns
   * ({@link ModelSpec.Builder#assignedGradient}) is skipped: that kernel writes it whole, on the
   * thread that then adds into it, instead of every buffer being streamed through memory here first.
   */
  void zeroGradients() {
    for (int s = 0; s < grad.length; s++) {
      if (grad[s] != null && !assigned[s]) {
        Arrays.fill(grad[s], 0f);
      }
    }
  }
}
