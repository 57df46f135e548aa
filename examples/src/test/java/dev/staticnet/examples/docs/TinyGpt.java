package dev.staticnet.examples.docs;

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
 * docs/from-pytorch.md's causal transformer, step for step the PyTorch {@code TinyGpt} printed
 * there: 32 token ids in, next-token logits (32, 65) out; parameter names equal its state_dict.
 */
@Network(input = {TinyGpt.CONTEXT}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY, params = 110_529)
public interface TinyGpt extends Model {
  int VOCAB = 65;
  int CONTEXT = 32;

  /** x + attn(norm(x)), causal. */
  @Block
  interface Attention {
    @LayerNorm Layer norm();
    @MultiHeadAttention(heads = 4, causal = true) Layer attn();
  }

  /** x + fc2(gelu(fc1(norm(x)))). */
  @Block
  interface FeedForward {
    @LayerNorm Layer norm();
    @Linear(out = 256) Layer fc1();
    @GELU Layer gelu();
    @Linear(out = 64) Layer fc2();
  }

  @Block
  interface TransformerBlock {
    @Residual Attention attn();
    @Residual FeedForward ffn();
  }

  @Embedding(vocab = VOCAB, dim = 64) Layer embed();
  @PositionalEmbedding Layer pos();
  @Repeat(2) List<TransformerBlock> blocks();
  @LayerNorm Layer norm();
  @Linear(out = VOCAB) Layer head();

  static TinyGpt create(long seed) {
    return new StaticNet_TinyGpt(seed);
  }
}
