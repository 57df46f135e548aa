package dev.staticnet.examples;

import dev.staticnet.Block;
import dev.staticnet.Embedding;
import dev.staticnet.GELU;
import dev.staticnet.InputKind;
import dev.staticnet.Layer;
import dev.staticnet.LayerNorm;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.MultiHeadAttention;
import dev.staticnet.Network;
import dev.staticnet.PositionalEmbedding;
import dev.staticnet.Repeat;
import dev.staticnet.Residual;
import java.util.List;

/**
 * A small causal transformer over characters: 128 positions of a 96-symbol alphabet
 * ({@link CharCorpus}), width 96, 3 pre-norm blocks of 4-head attention and a 4× GELU MLP,
 * next-character logits at every position.
 */
@Network(input = {CharLm.CONTEXT}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
public interface CharLm extends Model {
  int CONTEXT = 128;

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

    @Linear(out = 384) Layer fc1();

    @GELU Layer gelu();

    @Linear(out = 96) Layer fc2();
  }

  @Block
  interface TransformerBlock {
    @Residual Attention attention();

    @Residual FeedForward feedForward();
  }

  @Embedding(vocab = CharCorpus.VOCAB, dim = 96) Layer embed();

  @PositionalEmbedding Layer pos();

  @Repeat(3) List<TransformerBlock> blocks();

  @LayerNorm Layer norm();

  @Linear(out = CharCorpus.VOCAB) Layer head();

  static CharLm create(long seed) {
    return new StaticNet_CharLm(seed);
  }
}
