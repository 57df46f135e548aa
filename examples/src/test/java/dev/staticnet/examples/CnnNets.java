package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.BatchNorm;
import dev.staticnet.Block;
import dev.staticnet.Conv2d;
import dev.staticnet.ExpectShape;
import dev.staticnet.Flatten;
import dev.staticnet.GlobalAvgPool;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.MaxPool2d;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.ReLU;
import dev.staticnet.Repeat;
import dev.staticnet.Residual;
import java.util.List;

/** DSL.md's example networks and the seeds' convolutional networks. */
final class CnnNets {
  private CnnNets() {}

  @Block
  interface BasicBlock {
    @Conv2d(out = 16, kernel = 3, padding = 1, bias = false) Layer conv1();
    @BatchNorm Layer bn1();
    @ReLU Layer relu();
    @Conv2d(out = 16, kernel = 3, padding = 1, bias = false) Layer conv2();
    @BatchNorm Layer bn2();
  }

  @Block
  interface Stage2Block {
    @Conv2d(out = 32, kernel = 3, stride = 2, padding = 1, bias = false) Layer conv1();
    @BatchNorm Layer bn1();
    @ReLU Layer relu();
    @Conv2d(out = 32, kernel = 3, padding = 1, bias = false) Layer conv2();
    @BatchNorm Layer bn2();
  }

  @Block
  interface Downsample {
    @Conv2d(out = 32, kernel = 1, stride = 2, bias = false) Layer conv();
    @BatchNorm Layer bn();
  }

  /**
   * DSL.md's TinyResNet: stem 3·16·9 + 16 = 448; stage1 3 × (2 · 16·16·9 + 2 · 32) = 14,016; stage2
   * 16·32·9 + 64 + 32·32·9 + 64 = 13,952; shortcut 16·32 + 64 = 576; fc 32·10 + 10 = 330: 29,322.
   */
  @Network(input = {3, 32, 32}, loss = Loss.CROSS_ENTROPY, params = 29_322)
  interface TinyResNet extends Model {
    @Conv2d(out = 16, kernel = 3, padding = 1) Layer stem();
    @Residual @Repeat(3) List<BasicBlock> stage1();
    @Residual(shortcut = Downsample.class, activation = Activation.RELU) Stage2Block stage2();
    @GlobalAvgPool Layer gap();
    @Linear(out = 10) Layer fc();
  }

  /** Seed 000's SampleNet: BatchNorm2d(3) 6 + Conv2d(3, 6, 3, bias=False) 162 + Linear(6, 10) 70 = 238. */
  @Network(input = {3, 4, 4}, loss = Loss.CROSS_ENTROPY, params = 238)
  interface SampleNet extends Model {
    @BatchNorm Layer batchNorm();
    @Conv2d(out = 6, kernel = 3, bias = false) Layer conv();
    @MaxPool2d(kernel = 2, stride = 2) Layer pool();
    @Flatten Layer flat();
    @Linear(out = 10) Layer fc();
  }

  /** Seed 001's CNN on 3@128×128: conv 10,416 + dense 394,634 = 405,050. */
  @Network(input = {3, 128, 128}, loss = Loss.CROSS_ENTROPY, params = 405_050)
  interface SeedCnn extends Model {
    @MaxPool2d(kernel = 2, stride = 2) @ExpectShape({3, 64, 64}) Layer maxpool1();
    @Conv2d(out = 12, kernel = 17) @ExpectShape({12, 48, 48}) Layer conv();
    @MaxPool2d(kernel = 3, stride = 3) @ExpectShape({12, 16, 16}) Layer maxpool2();
    @Flatten @ExpectShape({3072}) Layer flatten();
    @Linear(out = 128, activation = Activation.RELU) Layer fc1();
    @Linear(out = 10) Layer fc2();
  }

  /** Seed 002's first AlexNet layer: 96 filters 11×11 stride 4 on 227×227×3, (363 + 1) · 96 = 34,944. */
  @Network(input = {3, 227, 227}, params = 34_944)
  interface AlexConv extends Model {
    @Conv2d(out = 96, kernel = 11, stride = 4) @ExpectShape({96, 55, 55}) Layer conv();
  }

  /**
   * Seed 004's shape walk on 3@64×64, ending in {@code Linear(576, 10)}: 448 + 4,640 + 264 + 804 +
   * 5,770 = 11,926 parameters.
   */
  @Network(input = {3, 64, 64}, loss = Loss.CROSS_ENTROPY, params = 11_926)
  interface SeedWalk extends Model {
    @Conv2d(out = 16, kernel = 3, padding = 1) @ExpectShape({16, 64, 64}) Layer conv1();
    @MaxPool2d(kernel = 2, stride = 2) @ExpectShape({16, 32, 32}) Layer pool1();
    @Conv2d(out = 32, kernel = 3) @ExpectShape({32, 30, 30}) Layer conv2();
    @MaxPool2d(kernel = 2, stride = 2, padding = 1) @ExpectShape({32, 16, 16}) Layer pool2();
    @Conv2d(out = 8, kernel = 1) @ExpectShape({8, 16, 16}) Layer conv3();
    @Conv2d(out = 4, kernel = 5) @ExpectShape({4, 12, 12}) Layer conv4();
    @Flatten @ExpectShape({576}) Layer flatten();
    @Linear(in = 576, out = 10) Layer fc();
  }
}
