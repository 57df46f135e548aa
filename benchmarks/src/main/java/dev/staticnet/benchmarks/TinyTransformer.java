package dev.staticnet.benchmarks;

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
 * Issue 5's transformer row: a causal language model over 64 tokens of a 128-symbol vocabulary, width
 * d = 128, two pre-norm blocks (4-head causal self-attention; a 4× GELU MLP), next-token logits at every
 * position. Per block 2·256 (norms) + 66,048 (attention) + 66,048 + 65,664 (MLP) = 198,272; embeddings
 * 16,384 + 8,192; final norm 256; head 16,512: 437,888.
 */
@Network(input = {TinyTransformer.CONTEXT}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY,
    params = 437_888)
public interface TinyTransformer extends Model {
  int CONTEXT = 64;
  int VOCAB = 128;
  int WIDTH = 128;

  /** Pre-norm causal self-attention: x + attn(norm(x)). */
  @Block
  interface Attention {
    @LayerNorm Layer norm();

    @MultiHeadAttention(heads = 4, causal = true) Layer attn();
  }

  /** Pre-norm feed-forward: x + fc2(gelu(fc1(norm(x)))). */
  @Block
  interface FeedForward {
    @LayerNorm Layer norm();

    @Linear(out = 4 * WIDTH) Layer fc1();

    @GELU Layer gelu();

    @Linear(out = WIDTH) Layer fc2();
  }

  /** One transformer block (d = 128, 4 heads). */
  @Block
  interface TransformerBlock {
    @Residual Attention attention();

    @Residual FeedForward feedForward();
  }

  @Embedding(vocab = VOCAB, dim = WIDTH) Layer embed();

  @PositionalEmbedding Layer pos();

  @Repeat(2) List<TransformerBlock> blocks();

  @LayerNorm Layer norm();

  @Linear(out = VOCAB) Layer head();

  static TinyTransformer create(long seed) {
    return new StaticNet_TinyTransformer(seed);
  }
}
