import dev.staticnet.*;

@Network(input = {3, 32, 32}, loss = Loss.CROSS_ENTROPY)
public interface CifarHead extends Model {
  @Conv2d(out = 12, kernel = 3, padding = 1, activation = Activation.RELU) Layer conv1();
  @MaxPool2d(kernel = 2) Layer maxpool2();
  @Flatten Layer flatten();
  @Linear(in = 576, out = 64, activation = Activation.RELU) Layer fc1();
  @Linear(out = 10) Layer fc2();

  static CifarHead create(long seed) { return new StaticNet_CifarHead(seed); }
}
