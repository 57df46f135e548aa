package dev.staticnet.kernel;

/**
 * Token embedding lookup, PyTorch {@code nn.Embedding}: {@code y[b, t, :] = weight[ids[b, t], :]}.
 *
 * <p>Parameters: {@code weight (vocab, dim)} at {@code params[wOff ..]}. Token ids arrive as floats
 * (the model's input array) and must be exact integers in {@code [0, vocab)}; anything else throws
 * {@link IllegalArgumentException} naming the id, its position (sample, t) and the vocabulary
 * size, before any output is written.
 *
 * <pre>
 * EmbeddingKernel.forward(y, ids, params, wOff, batch, steps, vocab, dim);      // y (batch, steps, dim)
 * EmbeddingKernel.backward(dparams, dy, ids, wOff, batch, steps, vocab, dim);  // dW[id] += dy[b, t]
 * </pre>
 */
public final class EmbeddingKernel {
  private EmbeddingKernel() {}

  /**
   * {@code y (batch, steps, dim) = weight[ids]}.
   *
   * @param y output, {@code batch·steps·dim} floats
   * @param ids token ids (batch, steps), exact integers stored as floats
   * @param params flat parameters; {@code weight (vocab, dim)} at {@code wOff}
   * @throws IllegalArgumentException if an id is not an integer in {@code [0, vocab)}; {@code y} is untouched
   */
  public static void forward(float[] y, float[] ids, float[] params, int wOff,
                             int batch, int steps, int vocab, int dim) {
    checkIds(ids, batch, steps, vocab);
    for (int r = 0; r < batch * steps; r++) {
      System.arraycopy(params, wOff + (int) ids[r] * dim, y, r * dim, dim);
    }
  }

  /**
   * Scatters the output gradient into the embedding rows: {@code dW[ids[b, t], :] += dy[b, t, :]}.
   * Ids repeated in the batch accumulate. The ids carry no gradient.
   *
   * @param dparams flat gradients, same layout as params; {@code dW} at {@code wOff}
   * @param dy (batch, steps, dim)
   * @param ids (batch, steps), the same ids the forward pass saw
   */
  public static void backward(float[] dparams, float[] dy, float[] ids, int wOff,
                              int batch, int steps, int vocab, int dim) {
    if (dparams == null) {
      return;
    }
    checkIds(ids, batch, steps, vocab);
    for (int r = 0; r < batch * steps; r++) {
      int w = wOff + (int) ids[r] * dim;
      int g = r * dim;
      for (int j = 0; j < dim; j++) {
        dparams[w + j] += dy[g + j];
      }
    }
  }

  /** Throws naming the first id that is not an integer in [0, vocab), with its (sample, t). */
  static void checkIds(float[] ids, int batch, int steps, int vocab) {
    for (int r = 0; r < batch * steps; r++) {
      float id = ids[r];
      if (!(id >= 0f && id < vocab && id == (float) (int) id)) {
        throw new IllegalArgumentException("Embedding: token id " + formatId(id) + " at (sample " + (r / steps)
            + ", t " + (r % steps) + ") is out of range for vocabulary size " + vocab
            + "; expected an integer in [0, " + vocab + ")");
      }
    }
  }

  private static String formatId(float id) {
    return id == Math.rint(id) && Math.abs(id) < 1e9f ? Long.toString((long) id) : Float.toString(id);
  }
}
