import dev.staticnet.*;

@Network(input = 64, loss = Loss.CROSS_ENTROPY)
public interface FloatTokens extends Model {
  @Embedding(vocab = 96, dim = 32) Layer embed();
  @LSTM(hidden = 128, returnSequences = true) Layer lstm();
  @Linear(out = 96) Layer head();
}
