package dev.staticnet.benchmarks.compare;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Parameters;
import dev.staticnet.benchmarks.LeNet5;
import dev.staticnet.benchmarks.torch.Torch;

/** {@link LeNet5} in libtorch: conv2d + tanh, avg_pool2d, twice; three linear layers. */
public final class TorchLeNet5 extends TorchNet {
  private static final long[] POOL = {2, 2};
  private static final long[] NO_PAD = {0, 0};

  public TorchLeNet5(Parameters source, float lr) {
    super(source, lr, 1, 28, 28);
  }

  @Override
  protected NDArray forward(NDArray x, boolean training) {
    NDArray h = Torch.tanh(conv(x, "c1", 1, 2));                      // (B, 6, 28, 28)
    h = Torch.avgPool2d(h, POOL, POOL, NO_PAD);                        // (B, 6, 14, 14)
    h = Torch.tanh(conv(h, "c3", 1, 0));                               // (B, 16, 10, 10)
    h = flatten(Torch.avgPool2d(h, POOL, POOL, NO_PAD));               // (B, 400)
    h = Torch.tanh(linear(h, "f5"));                                   // (B, 120)
    h = Torch.tanh(linear(h, "f6"));                                   // (B, 84)
    return linear(h, "out");                                           // (B, 10)
  }
}
