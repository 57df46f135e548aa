package dev.staticnet.kernel;

/**
 * Loss kernels, mean-reduced as PyTorch. Each returns the mean loss and, when the gradient array is
 * not {@code null}, ADDS d(mean loss)/d(input) into it (callers zero it first).
 *
 * <p>STUB: signatures are the contract; the implementation lands with the kernel work.
 */
public final class Losses {
  private Losses() {}

  /** Softmax cross-entropy. logits (rows, classes); labels (rows), each in [0, classes). */
  public static float crossEntropy(float[] dlogits, float[] logits, int[] labels, int rows, int classes) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Negative log-likelihood on log-probabilities (rows, classes). */
  public static float nll(float[] dlogp, float[] logp, int[] labels, int rows, int classes) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Binary cross-entropy on logits, stable form; x and y have n elements. */
  public static float bceWithLogits(float[] dx, float[] x, float[] y, int n) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Binary cross-entropy on probabilities (log clamped at -100 as PyTorch). */
  public static float bce(float[] dp, float[] p, float[] y, int n) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Mean squared error over n elements. */
  public static float mse(float[] dx, float[] x, float[] y, int n) {
    throw new UnsupportedOperationException("TODO");
  }
}
