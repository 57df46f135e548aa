package dev.staticnet;

/** Training losses, mean-reduced as PyTorch's defaults. */
public enum Loss {
  /** No loss: the network can predict but not train. */
  NONE,
  /** Softmax cross-entropy on logits {@code (K)} or {@code (T, K)} with integer class labels. */
  CROSS_ENTROPY,
  /** Negative log-likelihood on log-probabilities {@code (K)} or {@code (T, K)} with integer labels. */
  NLL,
  /** Binary cross-entropy on logits, the stable form {@code max(x,0) - x*y + log(1 + exp(-|x|))}. */
  BCE_WITH_LOGITS,
  /** Binary cross-entropy on probabilities in (0, 1). */
  BCE,
  /** Mean squared error over all elements. */
  MSE
}
