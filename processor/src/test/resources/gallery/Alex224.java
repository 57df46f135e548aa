import dev.staticnet.*;

@Network(input = {3, 224, 224})
public interface Alex224 extends Model {
  @Conv2d(out = 96, kernel = 11, stride = 4, activation = Activation.RELU) Layer conv1();
  @MaxPool2d(kernel = 3, stride = 2) Layer pool1();
}
