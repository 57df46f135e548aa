import dev.staticnet.*;

@Network(input = {1, 28, 28}, loss = Loss.CROSS_ENTROPY)
public interface RowLstm extends Model {
  @LSTM(hidden = 128) Layer lstm();
  @Linear(out = 10) Layer fc();
}
