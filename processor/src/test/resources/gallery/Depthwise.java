import dev.staticnet.*;

@Network(input = {3, 32, 32}, loss = Loss.CROSS_ENTROPY)
public interface Depthwise extends Model {
  @Conv2d(out = 24, kernel = 3, padding = 1, activation = Activation.RELU) Layer stem();
  @Conv2d(out = 32, kernel = 3, padding = 1, groups = 32) Layer dw();
  @Conv2d(out = 64, kernel = 1, activation = Activation.RELU) Layer pw();
  @GlobalAvgPool Layer gap();
  @Linear(out = 10) Layer fc();
}
