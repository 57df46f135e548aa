package dev.staticnet;

/**
 * The activation and gradient buffers of one forward/backward pass at one batch size. Slot 0 is
 * the caller's input array (not copied); the last slot is the output. A workspace belongs to one
 * call at a time.
 */
public final class Workspace {
  /** Batch size the buffers were sized for. */
  public final int batch;
  /** {@code act[s]}: slot {@code s}, {@code batch * perSample + fixed} floats. */
  public final float[][] act;
  /** Gradients of the loss with respect to each slot; {@code null} for inference workspaces. */
  public final float[][] grad;

  Workspace(ModelSpec spec, int batch, boolean training) {
    this.batch = batch;
    int n = spec.slots();
    this.act = new float[n][];
    this.grad = training ? new float[n][] : null;
    for (int s = 1; s < n; s++) {
      int size = Math.addExact(Math.multiplyExact(batch, spec.slotPerSample[s]), spec.slotFixed[s]);
      act[s] = new float[size];
      if (training) {
        grad[s] = new float[size];
      }
    }
    if (training) {
      grad[0] = new float[batch * spec.slotPerSample[0]];
    }
  }

  /** Zeroes every gradient buffer; backward kernels accumulate into them. */
  void zeroGradients() {
    for (float[] g : grad) {
      java.util.Arrays.fill(g, 0f);
    }
  }
}
