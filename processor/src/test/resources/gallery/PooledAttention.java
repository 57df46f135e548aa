import dev.staticnet.*;

@Network(input = {20, 16}, loss = Loss.MSE)
public interface PooledAttention extends Model {
  @LSTM(hidden = 32) Layer lstm();
  @MultiHeadAttention(heads = 4) Layer attn();
  @Linear(out = 1) Layer out();
}
