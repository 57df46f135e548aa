package dev.staticnet.benchmarks.compare;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Parameters;
import dev.staticnet.benchmarks.ResNetStack;
import dev.staticnet.benchmarks.torch.Torch;

/**
 * {@link ResNetStack} in libtorch: conv2d / batch_norm / relu as torchvision's BasicBlock computes them,
 * the strided blocks with a 1×1 conv + batch_norm projection shortcut, adaptive_avg_pool2d, linear.
 */
public final class TorchResNetStack extends TorchNet {

  public TorchResNetStack(Parameters source, float lr) {
    super(source, lr, 3, 32, 32);
  }

  @Override
  protected NDArray forward(NDArray x, boolean training) {
    NDArray h = Torch.relu(batchNorm(conv(x, "stem", 1, 1), "bn", training)); // (B, 16, 32, 32)
    h = basicBlock(h, "stage1", 1, false, training);                          // (B, 16, 32, 32)
    h = basicBlock(h, "stage2", 2, true, training);                           // (B, 32, 16, 16)
    h = basicBlock(h, "stage3", 2, true, training);                           // (B, 64, 8, 8)
    return linear(Torch.globalAvgPool(h), "fc");                              // (B, 64) → (B, 10)
  }

  /** relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), shortcut = x or bn(conv1×1(x)). */
  private NDArray basicBlock(NDArray x, String step, int stride, boolean projection, boolean training) {
    NDArray y = Torch.relu(batchNorm(conv(x, step + ".conv1", stride, 1), step + ".bn1", training));
    y = batchNorm(conv(y, step + ".conv2", 1, 1), step + ".bn2", training);
    NDArray shortcut = projection
        ? batchNorm(conv(x, step + ".shortcut.conv", stride, 0), step + ".shortcut.bn", training)
        : x;
    return Torch.relu(y.add(shortcut));
  }
}
