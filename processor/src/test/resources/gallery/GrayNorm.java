import dev.staticnet.*;

@Network(input = {28, 28}, loss = Loss.CROSS_ENTROPY)
public interface GrayNorm extends Model {
  @BatchNorm Layer norm();
  @Flatten Layer flat();
  @Linear(out = 10) Layer fc();
}
