package dev.staticnet.benchmarks;

import dev.staticnet.Activation;
import dev.staticnet.BatchNorm;
import dev.staticnet.Block;
import dev.staticnet.Conv2d;
import dev.staticnet.ExpectShape;
import dev.staticnet.GlobalAvgPool;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.ReLU;
import dev.staticnet.Residual;

/**
 * A CIFAR-style ResNet block stack on 3×32×32: a 16-channel stem, then three basic blocks (two 3×3
 * convolutions with BatchNorm, ReLU after the addition) at 16 channels on 32×32, 32 on 16×16 and 64 on
 * 8×8, the last two with a strided 1×1 projection shortcut; global average pooling and a linear head.
 * Parameters: stem 432 + 32; stage1 2·(2,304 + 32); stage2 4,608 + 9,216 + 512 + 3·64;
 * stage3 18,432 + 36,864 + 2,048 + 3·128; fc 650: 78,042.
 */
@Network(input = {3, 32, 32}, loss = Loss.CROSS_ENTROPY, params = 78_042)
public interface ResNetStack extends Model {
  /** Two 3×3 convolutions at 16 channels (identity shortcut). */
  @Block
  interface Block16 {
    @Conv2d(out = 16, kernel = 3, padding = 1, bias = false) Layer conv1();

    @BatchNorm Layer bn1();

    @ReLU Layer relu();

    @Conv2d(out = 16, kernel = 3, padding = 1, bias = false) Layer conv2();

    @BatchNorm Layer bn2();
  }

  /** Two 3×3 convolutions to 32 channels, the first with stride 2. */
  @Block
  interface Block32 {
    @Conv2d(out = 32, kernel = 3, stride = 2, padding = 1, bias = false) Layer conv1();

    @BatchNorm Layer bn1();

    @ReLU Layer relu();

    @Conv2d(out = 32, kernel = 3, padding = 1, bias = false) Layer conv2();

    @BatchNorm Layer bn2();
  }

  /** Two 3×3 convolutions to 64 channels, the first with stride 2. */
  @Block
  interface Block64 {
    @Conv2d(out = 64, kernel = 3, stride = 2, padding = 1, bias = false) Layer conv1();

    @BatchNorm Layer bn1();

    @ReLU Layer relu();

    @Conv2d(out = 64, kernel = 3, padding = 1, bias = false) Layer conv2();

    @BatchNorm Layer bn2();
  }

  /** Projection shortcut to 32 channels at half the resolution. */
  @Block
  interface Down32 {
    @Conv2d(out = 32, kernel = 1, stride = 2, bias = false) Layer conv();

    @BatchNorm Layer bn();
  }

  /** Projection shortcut to 64 channels at half the resolution. */
  @Block
  interface Down64 {
    @Conv2d(out = 64, kernel = 1, stride = 2, bias = false) Layer conv();

    @BatchNorm Layer bn();
  }

  @Conv2d(out = 16, kernel = 3, padding = 1, bias = false) Layer stem();

  @BatchNorm Layer bn();

  @ReLU Layer relu();

  @Residual(activation = Activation.RELU) @ExpectShape({16, 32, 32}) Block16 stage1();

  @Residual(shortcut = Down32.class, activation = Activation.RELU) @ExpectShape({32, 16, 16}) Block32 stage2();

  @Residual(shortcut = Down64.class, activation = Activation.RELU) @ExpectShape({64, 8, 8}) Block64 stage3();

  @GlobalAvgPool Layer gap();

  @Linear(out = 10) Layer fc();

  static ResNetStack create(long seed) {
    return new StaticNet_ResNetStack(seed);
  }
}
