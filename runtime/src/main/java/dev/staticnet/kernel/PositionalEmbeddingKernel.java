package dev.staticnet.kernel;

/**
 * Learned positional embedding: {@code y[b, t, :] = x[b, t, :] + weight[t, :]}.
 *
 * <p>Parameters: {@code weight (steps, dim)} at {@code params[wOff ..]} (one vector per position).
 *
 * <pre>
 * PositionalEmbeddingKernel.forward(y, x, params, wOff, batch, steps, dim);     // y may alias x
 * PositionalEmbeddingKernel.backward(dx, dparams, dy, wOff, batch, steps, dim); // dx += dy ; dW += Σ_b dy
 * </pre>
 */
public final class PositionalEmbeddingKernel {
  private PositionalEmbeddingKernel() {}

  /**
   * {@code y (batch, steps, dim) = x + weight} broadcast over the batch; {@code y} may be {@code x}.
   */
  public static void forward(float[] y, float[] x, float[] params, int wOff, int batch, int steps, int dim) {
    int perSample = steps * dim;
    for (int b = 0; b < batch; b++) {
      int o = b * perSample;
      for (int i = 0; i < perSample; i++) {
        y[o + i] = x[o + i] + params[wOff + i];
      }
    }
  }

  /**
   * {@code dx += dy} (skipped when {@code dx} is null) and {@code dW += Σ_batch dy} (skipped when
   * {@code dparams} is null).
   */
  public static void backward(float[] dx, float[] dparams, float[] dy, int wOff, int batch, int steps, int dim) {
    int n = batch * steps * dim;
    if (dx != null) {
      for (int i = 0; i < n; i++) {
        dx[i] += dy[i];
      }
    }
    if (dparams != null) {
      int perSample = steps * dim;
      for (int o = 0; o < n; o += perSample) {
        for (int i = 0; i < perSample; i++) {
          dparams[wOff + i] += dy[o + i];
        }
      }
    }
  }
}
