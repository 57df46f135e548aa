import dev.staticnet.*;

@Network(input = 32, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
public interface SequenceBatchNorm extends Model {
  @Embedding(vocab = 1000, dim = 64) Layer embed();
  @BatchNorm Layer norm();
  @LSTM(hidden = 64) Layer lstm();
  @Linear(out = 2) Layer fc();
}
