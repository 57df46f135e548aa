package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.AvgPool2d;
import dev.staticnet.BatchNorm;
import dev.staticnet.Block;
import dev.staticnet.Conv2d;
import dev.staticnet.Dropout;
import dev.staticnet.Flatten;
import dev.staticnet.GlobalAvgPool;
import dev.staticnet.Init;
import dev.staticnet.InitScheme;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.MaxPool2d;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.ReLU;
import dev.staticnet.Repeat;
import dev.staticnet.Residual;
import dev.staticnet.Tanh;
import java.util.List;

/** Small image networks: one per Conv2d attribute, pooling, and a residual network. */
final class ConvNets {
  private ConvNets() {}

  /** (2, 7, 7) -> (3, 3, 3): stride 2. */
  @Network(input = {2, 7, 7}, loss = Loss.MSE, params = 57)
  interface ConvStride2 extends Model {
    @Conv2d(out = 3, kernel = 3, stride = 2) Layer conv();
  }

  /** (2, 5, 5) -> (3, 5, 7): padding (1, 2). */
  @Network(input = {2, 5, 5}, loss = Loss.MSE)
  interface ConvPadding extends Model {
    @Conv2d(out = 3, kernel = 3, padding = {1, 2}) Layer conv();
  }

  /** (2, 7, 7) -> (2, 3, 3): dilation 2 reaches 5x5. */
  @Network(input = {2, 7, 7}, loss = Loss.MSE)
  interface ConvDilation extends Model {
    @Conv2d(out = 2, kernel = 3, dilation = 2) Layer conv();
  }

  /** (4, 5, 5) -> (6, 5, 5) in 2 groups: weight (6, 2, 3, 3). */
  @Network(input = {4, 5, 5}, loss = Loss.MSE, params = 6 * 2 * 9 + 6)
  interface ConvGroups extends Model {
    @Conv2d(out = 6, kernel = 3, padding = 1, groups = 2) Layer conv();
  }

  /** Depthwise (3, 6, 6) -> (3, 3, 3), stride 2: weight (3, 1, 3, 3). */
  @Network(input = {3, 6, 6}, loss = Loss.MSE, params = 3 * 9 + 3)
  interface ConvDepthwise extends Model {
    @Conv2d(out = 3, kernel = 3, stride = 2, padding = 1, groups = 3) Layer conv();
  }

  /** (2, 6, 5) -> (3, 2, 5): a {3, 1} kernel with stride {2, 1}. */
  @Network(input = {2, 6, 5}, loss = Loss.MSE)
  interface ConvNonSquare extends Model {
    @Conv2d(out = 3, kernel = {3, 1}, stride = {2, 1}) Layer conv();
  }

  /** No bias: (2, 4, 4) -> (3, 3, 3), weight only. */
  @Network(input = {2, 4, 4}, loss = Loss.MSE, params = 3 * 2 * 4)
  interface ConvNoBias extends Model {
    @Conv2d(out = 3, kernel = 2, bias = false) Layer conv();
  }

  /** Fused ReLU, then a fused LeakyReLU. */
  @Network(input = {2, 5, 5}, loss = Loss.MSE)
  interface ConvFused extends Model {
    @Conv2d(out = 3, kernel = 3, padding = 1, activation = Activation.RELU) Layer c1();
    @Conv2d(out = 2, kernel = 3, activation = Activation.LEAKY_RELU) Layer c2();
  }

  /** Max pooling: a {2, 1} window with padding {1, 0}, then 3x3 stride 2 padding 1. */
  @Network(input = {2, 5, 4}, loss = Loss.MSE)
  interface MaxPools extends Model {
    @MaxPool2d(kernel = {2, 1}, padding = {1, 0}) Layer p1();
    @MaxPool2d(kernel = 3, stride = 2, padding = 1) Layer p2();
  }

  /**
   * Parameter-free steps before the first weighted one (as seed 001's CNN opens with a max pool):
   * their gradients lead only to the input gradient, so training skips them.
   */
  @Network(input = {2, 8, 8}, loss = Loss.CROSS_ENTROPY)
  interface PoolFirst extends Model {
    @MaxPool2d(kernel = 2) Layer pool();
    @Tanh Layer squash();
    @Dropout(p = 0.0) Layer drop();
    @Conv2d(out = 3, kernel = 3, padding = 1, activation = Activation.RELU) Layer conv();
    @Flatten Layer flat();
    @Linear(out = 4) Layer fc();
  }

  /** Average pooling with the same windows as {@link MaxPools}. */
  @Network(input = {2, 5, 4}, loss = Loss.MSE)
  interface AvgPools extends Model {
    @AvgPool2d(kernel = {2, 1}, padding = {1, 0}) Layer p1();
    @AvgPool2d(kernel = 3, stride = 2, padding = 1) Layer p2();
  }

  /** conv -> global average pool -> linear classifier. */
  @Network(input = {2, 4, 4}, loss = Loss.CROSS_ENTROPY)
  interface GapHead extends Model {
    @Conv2d(out = 4, kernel = 3, padding = 1) Layer conv();
    @GlobalAvgPool Layer gap();
    @Linear(out = 3) Layer fc();
  }

  /** BatchNorm2d after a convolution. */
  @Network(input = {2, 5, 5}, loss = Loss.MSE)
  interface ConvBn extends Model {
    @Conv2d(out = 3, kernel = 3, bias = false) Layer conv();
    @BatchNorm Layer bn();
    @ReLU Layer relu();
  }

  /** Dropout on an image: the identity in eval mode and with p = 0. */
  @Network(input = {2, 4, 4}, loss = Loss.MSE)
  interface ConvDropoutNone extends Model {
    @Conv2d(out = 3, kernel = 3, padding = 1) Layer conv();
    @Dropout(p = 0) Layer drop();
  }

  @Network(input = {2, 4, 4}, loss = Loss.MSE)
  interface ConvDropoutHalf extends Model {
    @Conv2d(out = 3, kernel = 3, padding = 1) Layer conv();
    @Dropout(p = 0.5) Layer drop();
  }

  /** A 1x1 convolution: per pixel, a Linear layer over the channels. */
  @Network(input = {4, 2, 3}, loss = Loss.MSE)
  interface Pointwise extends Model {
    @Conv2d(out = 3, kernel = 1) Layer conv();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface PointwiseAsLinear extends Model {
    @Linear(out = 3) Layer fc();
  }

  /** {@code @Init} overrides on convolutions. */
  @Network(input = {2, 4, 4}, loss = Loss.MSE)
  interface ConvInits extends Model {
    @Conv2d(out = 3, kernel = 3) @Init(scheme = InitScheme.ZEROS) Layer zeros();
    @Conv2d(out = 4, kernel = 1) @Init(scheme = InitScheme.KAIMING_UNIFORM) Layer kaiming();
    @Conv2d(out = 5, kernel = 2, groups = 1) Layer plain();
  }

  // A small ResNet: conv-bn-relu blocks, identity residuals repeated, a downsampling 1x1 shortcut.

  @Block
  interface ConvBlock {
    @Conv2d(out = 4, kernel = 3, padding = 1, bias = false) Layer conv1();
    @BatchNorm Layer bn1();
    @ReLU Layer relu();
    @Conv2d(out = 4, kernel = 3, padding = 1, bias = false) Layer conv2();
    @BatchNorm Layer bn2();
  }

  @Block
  interface DownBlock {
    @Conv2d(out = 6, kernel = 3, stride = 2, padding = 1, bias = false) Layer conv1();
    @BatchNorm Layer bn1();
    @ReLU Layer relu();
    @Conv2d(out = 6, kernel = 3, padding = 1, bias = false) Layer conv2();
    @BatchNorm Layer bn2();
  }

  @Block
  interface Down {
    @Conv2d(out = 6, kernel = 1, stride = 2, bias = false) Layer conv();
    @BatchNorm Layer bn();
  }

  /**
   * stem 2·4·9 + 4 = 76; stage1 2 × (2 · 4·4·9 + 2 · 8) = 608; stage2 4·6·9 + 12 + 6·6·9 + 12 = 564;
   * shortcut 4·6 + 12 = 36; fc 6·3 + 3 = 21: 1,305.
   */
  @Network(input = {2, 6, 6}, loss = Loss.CROSS_ENTROPY, params = 1_305)
  interface SmallResNet extends Model {
    @Conv2d(out = 4, kernel = 3, padding = 1) Layer stem();
    @Residual(activation = Activation.RELU) @Repeat(2) List<ConvBlock> stage1();
    @Residual(shortcut = Down.class, activation = Activation.RELU) DownBlock stage2();
    @GlobalAvgPool Layer gap();
    @Linear(out = 3) Layer fc();
  }

  // The same network with Tanh instead of ReLU: smooth, so a train-mode gradient check is not
  // upset by ReLU kinks (train-mode BatchNorm moves every pre-activation when one weight moves).

  @Block
  interface TanhBlock {
    @Conv2d(out = 4, kernel = 3, padding = 1, bias = false) Layer conv1();
    @BatchNorm Layer bn1();
    @Tanh Layer act();
    @Conv2d(out = 4, kernel = 3, padding = 1, bias = false) Layer conv2();
    @BatchNorm Layer bn2();
  }

  @Block
  interface TanhDownBlock {
    @Conv2d(out = 6, kernel = 3, stride = 2, padding = 1, bias = false) Layer conv1();
    @BatchNorm Layer bn1();
    @Tanh Layer act();
    @Conv2d(out = 6, kernel = 3, padding = 1, bias = false) Layer conv2();
    @BatchNorm Layer bn2();
  }

  @Network(input = {2, 6, 6}, loss = Loss.CROSS_ENTROPY, params = 1_305)
  interface SmoothResNet extends Model {
    @Conv2d(out = 4, kernel = 3, padding = 1) Layer stem();
    @Residual(activation = Activation.TANH) @Repeat(2) List<TanhBlock> stage1();
    @Residual(shortcut = Down.class, activation = Activation.TANH) TanhDownBlock stage2();
    @GlobalAvgPool Layer gap();
    @Linear(out = 3) Layer fc();
  }

  /** A flatten-free head check: image output through Flatten to a classifier. */
  @Network(input = {1, 6, 6}, loss = Loss.CROSS_ENTROPY)
  interface ConvPoolFlatten extends Model {
    @Conv2d(out = 2, kernel = 3, activation = Activation.TANH) Layer conv();
    @MaxPool2d(kernel = 2) Layer pool();
    @Flatten Layer flat();
    @Linear(out = 3) Layer fc();
  }
}
