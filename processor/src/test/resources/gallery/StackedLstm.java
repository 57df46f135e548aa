import dev.staticnet.*;

@Network(input = {28, 28}, loss = Loss.CROSS_ENTROPY)
public interface StackedLstm extends Model {
  @LSTM(hidden = 128) Layer lstm1();
  @LSTM(hidden = 128) Layer lstm2();
  @Linear(out = 10) Layer fc();
}
