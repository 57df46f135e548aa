package dev.staticnet.benchmarks.oracle;

import dev.staticnet.Activation;
import dev.staticnet.AvgPool2d;
import dev.staticnet.BatchNorm;
import dev.staticnet.Conv2d;
import dev.staticnet.Dropout;
import dev.staticnet.Embedding;
import dev.staticnet.Flatten;
import dev.staticnet.GELU;
import dev.staticnet.GRU;
import dev.staticnet.GlobalAvgPool;
import dev.staticnet.InputKind;
import dev.staticnet.LSTM;
import dev.staticnet.Layer;
import dev.staticnet.LeakyReLU;
import dev.staticnet.LogSoftmax;
import dev.staticnet.LayerNorm;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.MaxPool2d;
import dev.staticnet.Model;
import dev.staticnet.MultiHeadAttention;
import dev.staticnet.Network;
import dev.staticnet.PoolMode;
import dev.staticnet.PositionalEmbedding;
import dev.staticnet.RNN;
import dev.staticnet.SequencePool;
import dev.staticnet.Sigmoid;
import dev.staticnet.Softmax;
import dev.staticnet.Tanh;

/**
 * One tiny generated network per step kind (and per attribute that changes the kernel's path), for
 * {@link StepOracleTest}. Most train on {@code MSE} straight on the step's output, so every output element
 * gets a gradient and the train-mode output can be compared; inputs are non-square and attributes differ per
 * axis so a swapped height/width cannot pass.
 */
final class StepNets {
  private StepNets() {}

  // ---- Conv2d ----

  @Network(input = {3, 9, 11}, loss = Loss.MSE)
  interface ConvStridedDilated extends Model {
    @Conv2d(out = 4, kernel = {3, 2}, stride = {2, 1}, padding = {1, 2}, dilation = {1, 2}) Layer conv();
  }

  @Network(input = {4, 8, 6}, loss = Loss.MSE)
  interface ConvGroupsTanh extends Model {
    @Conv2d(out = 6, kernel = 3, padding = {1, 0}, groups = 2, activation = Activation.TANH) Layer conv();
  }

  @Network(input = {4, 7, 9}, loss = Loss.MSE)
  interface ConvDepthwiseNoBias extends Model {
    @Conv2d(out = 4, kernel = 3, stride = 2, padding = 1, groups = 4, bias = false) Layer conv();
  }

  @Network(input = {3, 6, 5}, loss = Loss.MSE)
  interface ConvDepthwiseMultiplierRelu extends Model {
    @Conv2d(out = 6, kernel = {1, 3}, padding = {0, 1}, groups = 3, activation = Activation.RELU) Layer conv();
  }

  @Network(input = {2, 5, 7}, loss = Loss.MSE)
  interface ConvPointwiseNoBias extends Model {
    @Conv2d(out = 5, kernel = 1, bias = false) Layer conv();
  }

  // ---- pooling ----

  @Network(input = {3, 9, 11}, loss = Loss.MSE)
  interface MaxPoolPadded extends Model {
    @MaxPool2d(kernel = {3, 2}, stride = {2, 1}, padding = {1, 1}) Layer pool();
  }

  @Network(input = {3, 9, 11}, loss = Loss.MSE)
  interface AvgPoolPadded extends Model {
    @AvgPool2d(kernel = {3, 2}, stride = {2, 1}, padding = {1, 1}) Layer pool();
  }

  @Network(input = {2, 8, 6}, loss = Loss.MSE)
  interface AvgPoolNonSquare extends Model {
    @AvgPool2d(kernel = {2, 1}) Layer pool();
  }

  @Network(input = {5, 4, 6}, loss = Loss.MSE)
  interface GlobalAvg extends Model {
    @GlobalAvgPool Layer gap();
  }

  // ---- BatchNorm (C, H, W) ----

  @Network(input = {4, 5, 6}, loss = Loss.MSE)
  interface BatchNorm2d extends Model {
    @BatchNorm(momentum = 0.3) Layer bn();
  }

  @Network(input = {3, 4, 5}, loss = Loss.MSE)
  interface BatchNorm2dNoAffine extends Model {
    @BatchNorm(affine = false, eps = 1e-3) Layer bn();
  }

  @Network(input = {3, 6, 7}, loss = Loss.MSE)
  interface ConvBatchNormRelu extends Model {
    @Conv2d(out = 5, kernel = 3, padding = 1, bias = false) Layer conv();

    @BatchNorm Layer bn();

    @dev.staticnet.ReLU Layer relu();
  }

  // ---- embeddings ----

  @Network(input = {7}, inputKind = InputKind.TOKENS, loss = Loss.MSE)
  interface EmbeddingPositional extends Model {
    @Embedding(vocab = 11, dim = 6) Layer embed();

    @PositionalEmbedding Layer pos();
  }

  // ---- recurrent: (T, F) = (6, 5) ----

  @Network(input = {6, 5}, loss = Loss.MSE)
  interface RnnTanhSequences extends Model {
    @RNN(hidden = 7, returnSequences = true) Layer rnn();
  }

  @Network(input = {6, 5}, loss = Loss.MSE)
  interface RnnReluLast extends Model {
    @RNN(hidden = 7, nonlinearity = Activation.RELU) Layer rnn();
  }

  @Network(input = {6, 5}, loss = Loss.MSE)
  interface LstmSequences extends Model {
    @LSTM(hidden = 7, returnSequences = true) Layer lstm();
  }

  @Network(input = {6, 5}, loss = Loss.MSE)
  interface LstmLast extends Model {
    @LSTM(hidden = 4) Layer lstm();
  }

  @Network(input = {6, 5}, loss = Loss.MSE)
  interface GruSequences extends Model {
    @GRU(hidden = 7, returnSequences = true) Layer gru();
  }

  @Network(input = {6, 5}, loss = Loss.MSE)
  interface GruLast extends Model {
    @GRU(hidden = 4) Layer gru();
  }

  // ---- attention: (T, D) = (6, 8) ----

  @Network(input = {6, 8}, loss = Loss.MSE)
  interface AttentionPlain extends Model {
    @MultiHeadAttention(heads = 2) Layer attn();
  }

  @Network(input = {6, 8}, loss = Loss.MSE)
  interface AttentionCausal extends Model {
    @MultiHeadAttention(heads = 4, causal = true) Layer attn();
  }

  @Network(input = {6, 8}, loss = Loss.MSE)
  interface AttentionNoBias extends Model {
    @MultiHeadAttention(heads = 2, causal = true, bias = false) Layer attn();
  }

  @Network(input = {6, 8}, loss = Loss.MSE)
  interface AttentionNoOutProjection extends Model {
    @MultiHeadAttention(heads = 2, outProjection = false) Layer attn();
  }

  // ---- sequence pooling: (T, D) = (5, 4) ----

  @Network(input = {5, 4}, loss = Loss.MSE)
  interface PoolMean extends Model {
    @SequencePool(mode = PoolMode.MEAN) Layer pool();
  }

  @Network(input = {5, 4}, loss = Loss.MSE)
  interface PoolLast extends Model {
    @SequencePool(mode = PoolMode.LAST) Layer pool();
  }

  @Network(input = {5, 4}, loss = Loss.MSE)
  interface PoolFirst extends Model {
    @SequencePool(mode = PoolMode.FIRST) Layer pool();
  }

  @Network(input = {5, 4}, loss = Loss.MSE)
  interface PoolMax extends Model {
    @SequencePool(mode = PoolMode.MAX) Layer pool();
  }

  // ---- per-position layers on (T, D) and cross-entropy over (T, V) ----

  @Network(input = {5, 8}, loss = Loss.CROSS_ENTROPY)
  interface PositionwiseCrossEntropy extends Model {
    @LayerNorm Layer norm();

    @Linear(out = 12) Layer fc1();

    @GELU Layer gelu();

    @Linear(out = 9) Layer fc2();
  }

  // ---- standalone activations, BatchNorm (C), LayerNorm without affine, the other losses ----

  @Network(input = {10}, loss = Loss.NLL)
  interface ActivationStepsNll extends Model {
    @Linear(out = 12) Layer fc1();

    @LeakyReLU(slope = 0.2) Layer act1();

    @Linear(out = 12) Layer fc2();

    @Sigmoid Layer act2();

    @Linear(out = 12, activation = Activation.LEAKY_RELU) Layer fc3();

    @Tanh Layer act3();

    @Linear(out = 6, bias = false) Layer fc4();

    @LogSoftmax Layer out();
  }

  @Network(input = {10}, loss = Loss.BCE)
  interface SoftmaxBce extends Model {
    @Linear(out = 7, activation = Activation.SIGMOID) Layer fc1();

    @Linear(out = 5) Layer fc2();

    @Softmax Layer probs();
  }

  @Network(input = {10}, loss = Loss.BCE_WITH_LOGITS)
  interface BatchNorm1dBceLogits extends Model {
    @Linear(out = 8, bias = false) Layer fc();

    @BatchNorm Layer bn();

    @dev.staticnet.ReLU Layer relu();

    @Linear(out = 3) Layer out();
  }

  @Network(input = {5, 8}, loss = Loss.MSE)
  interface LayerNormNoAffine extends Model {
    @LayerNorm(affine = false, eps = 1e-3) Layer norm();

    @Linear(out = 6, bias = false, activation = Activation.GELU) Layer fc();
  }

  /** Dropout is random in train mode: only its eval mode (identity) is compared. */
  @Network(input = {3, 4, 5}, loss = Loss.MSE)
  interface DropoutEval extends Model {
    @Conv2d(out = 2, kernel = 3) Layer conv();

    @Dropout(p = 0.5) Layer drop();

    @Flatten Layer flat();

    @Linear(out = 3) Layer fc();
  }
}
