import dev.staticnet.*;

@Network(input = 32, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
public interface LatePositions extends Model {
  @Embedding(vocab = 1000, dim = 64) Layer embed();
  @SequencePool(mode = PoolMode.MEAN) Layer pool();
  @PositionalEmbedding Layer pos();
  @Linear(out = 2) Layer fc();
}
