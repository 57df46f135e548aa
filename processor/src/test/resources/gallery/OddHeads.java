import dev.staticnet.*;

@Network(input = 64, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
public interface OddHeads extends Model {
  @Embedding(vocab = 96, dim = 100) Layer embed();
  @PositionalEmbedding Layer pos();
  @MultiHeadAttention(heads = 8, causal = true) Layer attn();
  @Linear(out = 96) Layer head();
}
