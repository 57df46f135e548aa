import dev.staticnet.*;

@Network(input = 784, loss = Loss.CROSS_ENTROPY)
public interface FlatMnist extends Model {
  @Conv2d(out = 8, kernel = 3, activation = Activation.RELU) Layer conv();
  @Flatten Layer flat();
  @Linear(out = 10) Layer fc();
}
