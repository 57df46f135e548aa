package dev.staticnet.examples;

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
import dev.staticnet.PositionalEmbedding;
import dev.staticnet.RNN;
import dev.staticnet.Repeat;
import dev.staticnet.Residual;
import java.util.List;

/**
 * Small language models big enough for the sequence kernels to split their work over the worker
 * threads (batch 16): the allocation and generation tests use them.
 */
final class SequenceLms {
  static final int VOCAB = 20;
  static final int CONTEXT = 16;

  private SequenceLms() {}

  /** Embedding → LSTM(64) over every step → next-token logits. */
  @Network(input = {CONTEXT}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
  interface LstmLm extends Model {
    @Embedding(vocab = VOCAB, dim = 16) Layer embed();
    @LSTM(hidden = 64, returnSequences = true) Layer lstm();
    @Linear(out = VOCAB) Layer head();
  }

  /** Embedding → RNN(64) → GRU(64) over every step → next-token logits. */
  @Network(input = {CONTEXT}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
  interface RnnGruLm extends Model {
    @Embedding(vocab = VOCAB, dim = 16) Layer embed();
    @RNN(hidden = 64, returnSequences = true) Layer rnn();
    @GRU(hidden = 64, returnSequences = true) Layer gru();
    @Linear(out = VOCAB) Layer head();
  }

  @Block
  interface Attention {
    @LayerNorm Layer norm();
    @MultiHeadAttention(heads = 4, causal = true) Layer attn();
  }

  @Block
  interface FeedForward {
    @LayerNorm Layer norm();
    @Linear(out = 128) Layer fc1();
    @GELU Layer gelu();
    @Linear(out = 32) Layer fc2();
  }

  @Block
  interface TransformerBlock {
    @Residual Attention attention();
    @Residual FeedForward feedForward();
  }

  /** A 2-block causal transformer of width 32, 4 heads. */
  @Network(input = {CONTEXT}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
  interface Gpt extends Model {
    @Embedding(vocab = VOCAB, dim = 32) Layer embed();
    @PositionalEmbedding Layer pos();
    @Repeat(2) List<TransformerBlock> blocks();
    @LayerNorm Layer norm();
    @Linear(out = VOCAB) Layer head();
  }
}
