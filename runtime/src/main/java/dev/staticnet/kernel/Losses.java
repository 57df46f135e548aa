package dev.staticnet.kernel;

/**
 * Loss kernels, mean-reduced as PyTorch. Each returns the mean loss and, when the gradient array is
 * not {@code null}, ADDS d(mean loss)/d(input) into it (callers zero it first). Sums run in double.
 */
public final class Losses {
  private Losses() {}

  /**
   * Softmax cross-entropy fused with its log-sum-exp: loss_r = logsumexp(x_r) − x_r[label_r], with
   * the row max subtracted (finite at logits ±1e4); gradient (softmax − onehot)/rows. logits
   * (rows, classes); labels (rows), each in [0, classes).
   */
  public static float crossEntropy(float[] dlogits, float[] logits, int[] labels, int rows, int classes) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
      int label = checkLabel(labels, r, classes);
      float max = Softmax.rowMax(logits, row, classes);
      double sum = 0;
      for (int i = 0; i < classes; i++) {
        sum += Math.exp(logits[row + i] - max);
      }
      double logSum = Math.log(sum);
      total += logSum - (logits[row + label] - max);
      if (dlogits != null) {
        double scale = 1.0 / rows;
        for (int i = 0; i < classes; i++) {
          double p = Math.exp(logits[row + i] - max - logSum);
          dlogits[row + i] += (float) ((i == label ? p - 1 : p) * scale);
        }
      }
    }
    return (float) (total / rows);
  }

  /** Negative log-likelihood on log-probabilities logp (rows, classes): −mean(logp[r][label_r]). */
  public static float nll(float[] dlogp, float[] logp, int[] labels, int rows, int classes) {
    double total = 0;
    float grad = -1f / rows;
    for (int r = 0; r < rows; r++) {
      int label = checkLabel(labels, r, classes);
      total -= logp[r * classes + label];
      if (dlogp != null) {
        dlogp[r * classes + label] += grad;
      }
    }
    return (float) (total / rows);
  }

  /**
   * Binary cross-entropy on logits in the stable form max(x, 0) − x·y + log(1 + e^{−|x|});
   * gradient (σ(x) − y)/n.
   */
  public static float bceWithLogits(float[] dx, float[] x, float[] y, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double v = x[i];
      total += Math.max(v, 0) - v * y[i] + Math.log1p(Math.exp(-Math.abs(v)));
      if (dx != null) {
        double sigma = 1 / (1 + Math.exp(-v));
        dx[i] += (float) ((sigma - y[i]) / n);
      }
    }
    return (float) (total / n);
  }

  /**
   * Binary cross-entropy on probabilities: −(y·log p + (1 − y)·log(1 − p)) with each log clamped
   * at −100 as PyTorch; gradient (p − y)/max(p·(1 − p), 1e-12)/n (PyTorch's backward).
   */
  public static float bce(float[] dp, float[] p, float[] y, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double pi = p[i];
      if (!(pi >= 0 && pi <= 1)) {
        throw new IllegalArgumentException("bce: input " + i + " must be a probability in [0, 1], got " + pi);
      }
      double logP = Math.max(Math.log(pi), -100);
      double log1mP = Math.max(Math.log1p(-pi), -100);
      total -= y[i] * logP + (1 - y[i]) * log1mP;
      if (dp != null) {
        dp[i] += (float) ((pi - y[i]) / Math.max(pi * (1 - pi), 1e-12) / n);
      }
    }
    return (float) (total / n);
  }

  /** Mean squared error mean((x − y)²); gradient 2(x − y)/n. */
  public static float mse(float[] dx, float[] x, float[] y, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double d = (double) x[i] - y[i];
      total += d * d;
      if (dx != null) {
        dx[i] += (float) (2 * d / n);
      }
    }
    return (float) (total / n);
  }

  private static int checkLabel(int[] labels, int r, int classes) {
    int label = labels[r];
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException(
          "label of row " + r + " must be a class index in [0, " + classes + "), got " + label);
    }
    return label;
  }
}
