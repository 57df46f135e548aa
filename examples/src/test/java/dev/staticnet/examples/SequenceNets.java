package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.Block;
import dev.staticnet.Embedding;
import dev.staticnet.GELU;
import dev.staticnet.GRU;
import dev.staticnet.InputKind;
import dev.staticnet.LSTM;
import dev.staticnet.Layer;
import dev.staticnet.LayerNorm;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.MultiHeadAttention;
import dev.staticnet.Network;
import dev.staticnet.PoolMode;
import dev.staticnet.PositionalEmbedding;
import dev.staticnet.RNN;
import dev.staticnet.Repeat;
import dev.staticnet.Residual;
import dev.staticnet.SequencePool;
import java.util.List;

/** Sequence networks: token embeddings, recurrent layers, attention, sequence pooling, a transformer LM. */
final class SequenceNets {
  private SequenceNets() {}

  /** Tokens → embedding + position → per-position logits: CROSS_ENTROPY over (T, V). */
  @Network(input = {5}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY, params = 7 * 4 + 5 * 4 + 4 * 7 + 7)
  interface TokenTagger extends Model {
    @Embedding(vocab = 7, dim = 4) Layer embed();
    @PositionalEmbedding Layer pos();
    @Linear(out = 7) Layer head();
  }

  /** Stacked RNNs: tanh over every step, then ReLU keeping the last state. */
  @Network(input = {5, 3}, loss = Loss.MSE)
  interface StackedRnn extends Model {
    @RNN(hidden = 4, returnSequences = true) Layer rnn1();
    @RNN(hidden = 3, nonlinearity = Activation.RELU) Layer rnn2();
    @Linear(out = 2) Layer out();
  }

  /** An RNN whose every state is the output. */
  @Network(input = {4, 3}, loss = Loss.MSE)
  interface RnnSequence extends Model {
    @RNN(hidden = 3, returnSequences = true) Layer rnn();
  }

  /** The 2-layer LSTM classifier. */
  @Network(input = {5, 3}, loss = Loss.CROSS_ENTROPY)
  interface LstmClassifier extends Model {
    @LSTM(hidden = 4, returnSequences = true) Layer lstm1();
    @LSTM(hidden = 3) Layer lstm2();
    @Linear(out = 3) Layer out();
  }

  @Network(input = {4, 3}, loss = Loss.MSE)
  interface LstmSequence extends Model {
    @LSTM(hidden = 3, returnSequences = true) Layer lstm();
  }

  @Network(input = {5, 3}, loss = Loss.MSE)
  interface StackedGru extends Model {
    @GRU(hidden = 4, returnSequences = true) Layer gru1();
    @GRU(hidden = 3) Layer gru2();
    @Linear(out = 2) Layer out();
  }

  @Network(input = {4, 3}, loss = Loss.MSE)
  interface GruSequence extends Model {
    @GRU(hidden = 3, returnSequences = true) Layer gru();
  }

  @Network(input = {5, 8}, loss = Loss.MSE)
  interface CausalAttention extends Model {
    @MultiHeadAttention(heads = 2, causal = true) Layer attn();
  }

  @Network(input = {5, 8}, loss = Loss.MSE)
  interface AttentionNoBias extends Model {
    @MultiHeadAttention(heads = 4, bias = false) Layer attn();
  }

  @Network(input = {5, 8}, loss = Loss.MSE)
  interface AttentionNoOutProjection extends Model {
    @MultiHeadAttention(heads = 2, outProjection = false) Layer attn();
  }

  @Network(input = {5, 4}, loss = Loss.MSE)
  interface PoolMean extends Model {
    @Linear(out = 4) Layer fc();
    @SequencePool(mode = PoolMode.MEAN) Layer pool();
    @Linear(out = 2) Layer out();
  }

  @Network(input = {5, 4}, loss = Loss.MSE)
  interface PoolLast extends Model {
    @Linear(out = 4) Layer fc();
    @SequencePool(mode = PoolMode.LAST) Layer pool();
    @Linear(out = 2) Layer out();
  }

  @Network(input = {5, 4}, loss = Loss.MSE)
  interface PoolFirst extends Model {
    @Linear(out = 4) Layer fc();
    @SequencePool(mode = PoolMode.FIRST) Layer pool();
    @Linear(out = 2) Layer out();
  }

  @Network(input = {5, 4}, loss = Loss.MSE)
  interface PoolMax extends Model {
    @Linear(out = 4) Layer fc();
    @SequencePool(mode = PoolMode.MAX) Layer pool();
    @Linear(out = 2) Layer out();
  }

  /** Pre-norm attention half of a transformer block. */
  @Block
  interface AttentionPart {
    @LayerNorm Layer norm();
    @MultiHeadAttention(heads = 2, causal = true) Layer attn();
  }

  /** Pre-norm feed-forward half of a transformer block. */
  @Block
  interface FeedForwardPart {
    @LayerNorm Layer norm();
    @Linear(out = 32) Layer fc1();
    @GELU Layer gelu();
    @Linear(out = 8) Layer fc2();
  }

  @Block
  interface TransformerBlock {
    @Residual AttentionPart attention();
    @Residual FeedForwardPart feedForward();
  }

  /** A 2-block causal transformer language model: next-token logits at every position. */
  @Network(input = {6}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
  interface TinyGpt extends Model {
    @Embedding(vocab = 11, dim = 8) Layer embed();
    @PositionalEmbedding Layer pos();
    @Repeat(2) List<TransformerBlock> blocks();
    @LayerNorm Layer norm();
    @Linear(out = 11) Layer head();
  }
}
