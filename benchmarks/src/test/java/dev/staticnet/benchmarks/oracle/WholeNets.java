package dev.staticnet.benchmarks.oracle;

import dev.staticnet.Activation;
import dev.staticnet.AvgPool2d;
import dev.staticnet.BatchNorm;
import dev.staticnet.Block;
import dev.staticnet.Conv2d;
import dev.staticnet.Embedding;
import dev.staticnet.Flatten;
import dev.staticnet.GELU;
import dev.staticnet.GlobalAvgPool;
import dev.staticnet.InputKind;
import dev.staticnet.LSTM;
import dev.staticnet.Layer;
import dev.staticnet.LayerNorm;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.MultiHeadAttention;
import dev.staticnet.Network;
import dev.staticnet.PositionalEmbedding;
import dev.staticnet.ReLU;
import dev.staticnet.Repeat;
import dev.staticnet.Residual;
import java.util.List;

/** The whole networks of issue 5's oracle list, for {@link WholeNetworkOracleTest}. */
final class WholeNets {
  private WholeNets() {}

  /** DSL.md's LeNet-5, verbatim. */
  @Network(input = {1, 28, 28}, loss = Loss.CROSS_ENTROPY, params = 61_706)
  interface LeNet5 extends Model {
    @Conv2d(out = 6, kernel = 5, padding = 2, activation = Activation.TANH) Layer c1();

    @AvgPool2d(kernel = 2) Layer s2();

    @Conv2d(out = 16, kernel = 5, activation = Activation.TANH) Layer c3();

    @AvgPool2d(kernel = 2) Layer s4();

    @Flatten Layer flat();

    @Linear(out = 120, activation = Activation.TANH) Layer f5();

    @Linear(out = 84, activation = Activation.TANH) Layer f6();

    @Linear(out = 10) Layer out();
  }

  /** ResNet's basic block at 8 channels: conv-BN-ReLU-conv-BN. */
  @Block
  interface BasicBlock {
    @Conv2d(out = 8, kernel = 3, padding = 1, bias = false) Layer conv1();

    @BatchNorm Layer bn1();

    @ReLU Layer relu();

    @Conv2d(out = 8, kernel = 3, padding = 1, bias = false) Layer conv2();

    @BatchNorm Layer bn2();
  }

  /** The basic block going to 16 channels at stride 2. */
  @Block
  interface DownBlock {
    @Conv2d(out = 16, kernel = 3, stride = 2, padding = 1, bias = false) Layer conv1();

    @BatchNorm Layer bn1();

    @ReLU Layer relu();

    @Conv2d(out = 16, kernel = 3, padding = 1, bias = false) Layer conv2();

    @BatchNorm Layer bn2();
  }

  /** ResNet's projection shortcut: 1×1 conv at stride 2, then BatchNorm. */
  @Block
  interface Downsample {
    @Conv2d(out = 16, kernel = 1, stride = 2, bias = false) Layer conv();

    @BatchNorm Layer bn();
  }

  /** Residual blocks: identity shortcut and projection shortcut, ReLU after each addition. */
  @Block
  interface ResNetBody {
    @Conv2d(out = 8, kernel = 3, padding = 1) Layer stem();

    @Residual(activation = Activation.RELU) BasicBlock block1();

    @Residual(shortcut = Downsample.class, activation = Activation.RELU) DownBlock block2();

    @GlobalAvgPool Layer gap();

    @Linear(out = 5) Layer fc();
  }

  /** The residual network as a classifier. */
  @Network(input = {3, 8, 10}, loss = Loss.CROSS_ENTROPY)
  interface TinyResNet extends Model {
    ResNetBody net();
  }

  /** The same network on MSE, so that its train-mode output (BatchNorm on batch statistics) is compared too. */
  @Network(input = {3, 8, 10}, loss = Loss.MSE)
  interface TinyResNetMse extends Model {
    ResNetBody net();
  }

  /** Two stacked LSTMs (the first returns its sequence), then a classifier on the last state. */
  @Network(input = {6, 5}, loss = Loss.CROSS_ENTROPY)
  interface StackedLstm extends Model {
    @LSTM(hidden = 8, returnSequences = true) Layer lstm1();

    @LSTM(hidden = 6) Layer lstm2();

    @Linear(out = 4) Layer fc();
  }

  /** Pre-norm self-attention: x + attn(norm(x)). */
  @Block
  interface Attention {
    @LayerNorm Layer norm();

    @MultiHeadAttention(heads = 4, causal = true) Layer attn();
  }

  /** Pre-norm feed-forward: x + fc2(gelu(fc1(norm(x)))). */
  @Block
  interface FeedForward {
    @LayerNorm Layer norm();

    @Linear(out = 64) Layer fc1();

    @GELU Layer gelu();

    @Linear(out = 16) Layer fc2();
  }

  @Block
  interface TransformerBlock {
    @Residual Attention attention();

    @Residual FeedForward feedForward();
  }

  /** A 2-block causal pre-norm transformer over 8 tokens of a 13-symbol vocabulary, logits at every position. */
  @Network(input = {8}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
  interface TinyGpt extends Model {
    @Embedding(vocab = 13, dim = 16) Layer embed();

    @PositionalEmbedding Layer pos();

    @Repeat(2) List<TransformerBlock> blocks();

    @LayerNorm Layer norm();

    @Linear(out = 13) Layer head();
  }
}
