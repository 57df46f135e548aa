import dev.staticnet.*;

@Network(input = {16, 32, 32})
public interface SamePool extends Model {
  @MaxPool2d(kernel = 2, stride = 1, padding = 2) Layer pool();
  @Conv2d(out = 16, kernel = 3, padding = 1) Layer conv();
}
