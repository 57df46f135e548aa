package dev.staticnet.benchmarks.compare;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Parameters;
import dev.staticnet.benchmarks.SeedCnn;
import dev.staticnet.benchmarks.torch.Torch;

/** {@link SeedCnn} (seed 001) in libtorch: max_pool2d 2, conv2d 17×17, max_pool2d 3, linear + ReLU, linear. */
public final class TorchSeedCnn extends TorchNet {
  private static final long[] NO_PAD = {0, 0};

  public TorchSeedCnn(Parameters source, float lr) {
    super(source, lr, 3, 128, 128);
  }

  @Override
  protected NDArray forward(NDArray x, boolean training) {
    NDArray h = Torch.maxPool2d(x, new long[] {2, 2}, new long[] {2, 2}, NO_PAD);   // (B, 3, 64, 64)
    h = conv(h, "conv", 1, 0);                                                      // (B, 12, 48, 48)
    h = flatten(Torch.maxPool2d(h, new long[] {3, 3}, new long[] {3, 3}, NO_PAD)); // (B, 3072)
    h = Torch.relu(linear(h, "fc1"));                                               // (B, 128)
    return linear(h, "fc2");                                                        // (B, 10)
  }
}
