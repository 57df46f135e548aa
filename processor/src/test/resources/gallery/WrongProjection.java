import dev.staticnet.*;

@Network(input = {10, 300}, loss = Loss.CROSS_ENTROPY)
public interface WrongProjection extends Model {
  @GRU(hidden = 256, returnSequences = true) Layer gru();
  @Linear(in = 300, out = 5) Layer tagger();
}
