package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.BatchNorm;
import dev.staticnet.Dropout;
import dev.staticnet.Flatten;
import dev.staticnet.GELU;
import dev.staticnet.LayerNorm;
import dev.staticnet.Layer;
import dev.staticnet.LeakyReLU;
import dev.staticnet.Linear;
import dev.staticnet.LogSoftmax;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.ReLU;
import dev.staticnet.Sigmoid;
import dev.staticnet.Softmax;
import dev.staticnet.Tanh;

/**
 * Small networks, one per dense step kind, for the gradient checks: each puts the kind between two
 * Linear layers so that both its input gradient and the parameters around it are checked. Nested
 * interfaces, so the generated classes are {@code StaticNet_DenseNets_<Name>}.
 */
final class DenseNets {
  private DenseNets() {}

  @Network(input = {4}, loss = Loss.MSE)
  interface StandaloneRelu extends Model {
    @Linear(out = 5) Layer fc1();
    @ReLU Layer act();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface StandaloneLeakyRelu extends Model {
    @Linear(out = 5) Layer fc1();
    @LeakyReLU(slope = 0.1) Layer act();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface StandaloneSigmoid extends Model {
    @Linear(out = 5) Layer fc1();
    @Sigmoid Layer act();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface StandaloneTanh extends Model {
    @Linear(out = 5) Layer fc1();
    @Tanh Layer act();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface StandaloneGelu extends Model {
    @Linear(out = 5) Layer fc1();
    @GELU Layer act();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface FusedRelu extends Model {
    @Linear(out = 5, activation = Activation.RELU) Layer fc1();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface FusedLeakyRelu extends Model {
    @Linear(out = 5, activation = Activation.LEAKY_RELU) Layer fc1();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface FusedSigmoid extends Model {
    @Linear(out = 5, activation = Activation.SIGMOID) Layer fc1();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface FusedTanh extends Model {
    @Linear(out = 5, activation = Activation.TANH) Layer fc1();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface FusedGelu extends Model {
    @Linear(out = 5, activation = Activation.GELU) Layer fc1();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.NLL)
  interface SoftmaxNll extends Model {
    @Linear(out = 5, activation = Activation.TANH) Layer fc1();
    @Linear(out = 3) Layer fc2();
    @Softmax Layer probs();
  }

  @Network(input = {4}, loss = Loss.NLL)
  interface LogSoftmaxNll extends Model {
    @Linear(out = 5, activation = Activation.TANH) Layer fc1();
    @Linear(out = 3) Layer fc2();
    @LogSoftmax Layer logp();
  }

  /** LayerNorm over the features of a sequence: Linear on (T, F), then Flatten. */
  @Network(input = {3, 4}, loss = Loss.MSE)
  interface LayerNormAffine extends Model {
    @Linear(out = 5) Layer proj();
    @LayerNorm Layer norm();
    @Flatten Layer flat();
    @Linear(out = 2) Layer head();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface LayerNormPlain extends Model {
    @Linear(out = 6) Layer fc1();
    @LayerNorm(affine = false, eps = 1e-3) Layer norm();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface BatchNormAffine extends Model {
    @SuppressWarnings("staticnet:bias-before-norm") // its gradient must come out as 0 in train mode
    @Linear(out = 6) Layer fc1();
    @BatchNorm(momentum = 0.2) Layer bn();
    @Tanh Layer act();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface BatchNormPlain extends Model {
    @SuppressWarnings("staticnet:bias-before-norm")
    @Linear(out = 6) Layer fc1();
    @BatchNorm(affine = false) Layer bn();
    @Linear(out = 3) Layer fc2();
  }

  /** BatchNorm2d on an image input: per-channel statistics over batch and H·W. */
  @Network(input = {2, 3, 3}, loss = Loss.MSE)
  interface BatchNormImage extends Model {
    @BatchNorm Layer bn();
    @Flatten Layer flat();
    @Linear(out = 3) Layer fc();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface DropoutNone extends Model {
    @Linear(out = 5, activation = Activation.TANH) Layer fc1();
    @Dropout(p = 0.0) Layer drop();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface DropoutHalf extends Model {
    @Linear(out = 5, activation = Activation.TANH) Layer fc1();
    @Dropout(p = 0.5) Layer drop();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.CROSS_ENTROPY)
  interface CrossEntropy extends Model {
    @Linear(out = 5, activation = Activation.TANH) Layer fc1();
    @Linear(out = 3) Layer fc2();
  }

  /** Cross-entropy on (T, K) logits: one label per position. */
  @Network(input = {3, 4}, loss = Loss.CROSS_ENTROPY)
  interface SequenceCrossEntropy extends Model {
    @Linear(out = 5, activation = Activation.TANH) Layer fc1();
    @Linear(out = 3) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.BCE_WITH_LOGITS)
  interface BceWithLogits extends Model {
    @Linear(out = 5, activation = Activation.TANH) Layer fc1();
    @Linear(out = 2) Layer fc2();
  }

  @Network(input = {4}, loss = Loss.BCE)
  interface Bce extends Model {
    @Linear(out = 5, activation = Activation.TANH) Layer fc1();
    @Linear(out = 2) Layer fc2();
    @Sigmoid Layer probs();
  }

  /** Flatten as the very last step: it copies into the output slot. */
  @Network(input = {2, 3}, loss = Loss.MSE)
  interface FlattenLast extends Model {
    @Linear(out = 2, activation = Activation.SIGMOID) Layer fc();
    @Flatten Layer flat();
  }
}
