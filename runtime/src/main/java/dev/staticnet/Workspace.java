package dev.staticnet;

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

  Workspace(ModelSpec spec, int batch, boolean training) {
    this.batch = batch;
    int n = spec.slots();
    this.act = new float[n][];
    this.grad = training ? new float[n][] : null;
    for (int s = 1; s < n; s++) {
      int size = Math.addExact(Math.multiplyExact(batch, spec.slotPerSample[s]), spec.slotFixed[s]);
      act[s] = new float[size];
      if (training && spec.slotHasGradient[s]) {
        grad[s] = new float[size];
      }
    }
    this.inputGradient = training ? new float[Math.multiplyExact(batch, spec.slotPerSample[0])] : null;
  }

  /** Whether the backward pass computes the gradient with respect to the input ({@code grad[0]}). */
  void computeInputGradient(boolean wanted) {
    grad[0] = wanted ? inputGradient : null;
  }

  /** Zeroes every gradient buffer; backward kernels accumulate into them. */
  void zeroGradients() {
    for (float[] g : grad) {
      if (g != null) {
        Arrays.fill(g, 0f);
      }
    }
  }
}
