import dev.staticnet.*;

@Network(input = 50, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
public interface PoolTwice extends Model {
  @Embedding(vocab = 5000, dim = 64) Layer embed();
  @GRU(hidden = 64) Layer gru();
  @SequencePool(mode = PoolMode.LAST) Layer last();
  @Linear(out = 2) Layer fc();
}
