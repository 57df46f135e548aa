import dev.staticnet.*;

@Network(input = {1, 28, 28}, loss = Loss.CROSS_ENTROPY)
public interface SmallImage extends Model {
  @Conv2d(out = 16, kernel = 5, activation = Activation.RELU) Layer conv1();
  @MaxPool2d(kernel = 2) Layer pool1();
  @Conv2d(out = 32, kernel = 5, activation = Activation.RELU) Layer conv2();
  @MaxPool2d(kernel = 2) Layer pool2();
  @Conv2d(out = 64, kernel = 5, activation = Activation.RELU) Layer conv3();
  @Flatten Layer flat();
  @Linear(out = 10) Layer fc();
}
