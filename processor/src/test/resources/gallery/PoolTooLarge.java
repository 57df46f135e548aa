import dev.staticnet.*;

@Network(input = {1, 28, 28}, loss = Loss.CROSS_ENTROPY)
public interface PoolTooLarge extends Model {
  @Conv2d(out = 8, kernel = 3, stride = 2, activation = Activation.RELU) Layer conv1();
  @Conv2d(out = 16, kernel = 3, stride = 2, activation = Activation.RELU) Layer conv2();
  @MaxPool2d(kernel = 8) Layer pool();
  @Flatten Layer flat();
  @Linear(out = 10) Layer fc();
}
