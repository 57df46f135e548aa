package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.BatchNorm;
import dev.staticnet.Block;
import dev.staticnet.Conv2d;
import dev.staticnet.Flatten;
import dev.staticnet.GlobalAvgPool;
import dev.staticnet.Layer;
import dev.staticnet.LeakyReLU;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.ReLU;
import dev.staticnet.Residual;

/** Networks whose Conv2d + BatchNorm pairs fold (or must not fold) for inference. */
final class FoldingNets {
  private FoldingNets() {}

  /** Conv2d with bias, then BatchNorm2d. */
  @SuppressWarnings("staticnet:bias-before-norm") // on purpose: folding must handle the bias
  @Network(input = {3, 6, 5}, loss = Loss.MSE)
  interface ConvBn extends Model {
    @Conv2d(out = 4, kernel = 3, padding = 1) Layer conv();
    @BatchNorm Layer bn();
  }

  /** Conv2d without bias (ResNet style), stride 2, then BatchNorm2d. */
  @Network(input = {3, 7, 7}, loss = Loss.MSE)
  interface ConvNoBiasBn extends Model {
    @Conv2d(out = 5, kernel = 3, stride = 2, bias = false) Layer conv();
    @BatchNorm(eps = 1e-3) Layer bn();
  }

  /** BatchNorm2d without affine parameters (γ = 1, β = 0), then a LeakyReLU that is not fused. */
  @SuppressWarnings("staticnet:bias-before-norm") // on purpose: folding must handle the bias
  @Network(input = {2, 5, 5}, loss = Loss.MSE)
  interface BnNoAffine extends Model {
    @Conv2d(out = 3, kernel = 2) Layer conv();
    @BatchNorm(affine = false) Layer bn();
    @LeakyReLU(slope = 0.1) Layer leaky();
  }

  /** Conv2d + BatchNorm2d + ReLU (fused into the convolution's epilogue), twice, the second depthwise. */
  @SuppressWarnings("staticnet:bias-before-norm") // on purpose: folding must handle the bias
  @Network(input = {4, 6, 6}, loss = Loss.CROSS_ENTROPY)
  interface ConvBnRelu extends Model {
    @Conv2d(out = 6, kernel = 3, padding = 1, bias = false) Layer conv1();
    @BatchNorm Layer bn1();
    @ReLU Layer relu1();
    @Conv2d(out = 6, kernel = 3, padding = 1, groups = 6) Layer dw();
    @BatchNorm Layer bn2();
    @ReLU Layer relu2();
    @Conv2d(out = 8, kernel = 1) Layer pw();
    @BatchNorm Layer bn3();
    @ReLU Layer relu3();
    @GlobalAvgPool Layer gap();
    @Linear(out = 3) Layer fc();
  }

  @Block
  interface PreActBlock {
    @BatchNorm Layer bn();
    @ReLU Layer relu();
    @Conv2d(out = 4, kernel = 3, padding = 1) Layer conv();
  }

  /**
   * Nothing folds: the first convolution has a fused activation, and the second one's output also
   * feeds the residual shortcut besides the BatchNorm.
   */
  @Network(input = {2, 5, 5}, loss = Loss.MSE)
  interface NotFoldable extends Model {
    @Conv2d(out = 3, kernel = 3, padding = 1, activation = Activation.RELU) Layer c1();
    @BatchNorm Layer bn1();
    @Conv2d(out = 4, kernel = 3, padding = 1) Layer c2();
    @Residual PreActBlock block();
    @Flatten Layer flat();
    @Linear(out = 2) Layer fc();
  }

  /** Linear + BatchNorm1d + ReLU: no convolution, but the ReLU runs in place when predicting. */
  @Network(input = 5, loss = Loss.MSE)
  interface DenseBnRelu extends Model {
    @Linear(out = 4) Layer fc1();
    @BatchNorm Layer bn();
    @ReLU Layer relu();
    @Linear(out = 2) Layer fc2();
  }
}
