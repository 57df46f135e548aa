import dev.staticnet.*;

@Network(input = 64, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
public interface CharLstm extends Model {
  @LSTM(hidden = 128, returnSequences = true) Layer lstm();
  @Linear(out = 96) Layer head();
}
