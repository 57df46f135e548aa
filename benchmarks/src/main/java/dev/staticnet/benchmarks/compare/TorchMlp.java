package dev.staticnet.benchmarks.compare;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Parameters;

/**
 * The MLP in libtorch: {@code fc1, fc2, …} with {@code F.linear} and ReLU between the layers (any such Linear
 * stack), trained as {@link TorchNet} describes.
 */
public final class TorchMlp extends TorchNet {
  private final int layers;

  /** Copies {@code fc1.weight, fc1.bias, fc2.weight, ...} from {@code source}; {@code lr} for SGD. */
  public TorchMlp(Parameters source, float lr) {
    super(source, lr, source.shape("fc1.weight")[1]);
    int n = 0;
    while (source.names().contains("fc" + (n + 1) + ".weight")) {
      n++;
    }
    layers = n;
  }

  @Override
  protected NDArray forward(NDArray x, boolean training) {
    NDArray h = x;
    for (int i = 1; i <= layers; i++) {
      h = linear(h, "fc" + i);
      if (i < layers) {
        h = h.getNDArrayInternal().relu();
      }
    }
    return h;
  }
}
