import dev.staticnet.*;

@Block
interface Down {
  @Conv2d(out = 32, kernel = 3, stride = 2, padding = 1, bias = false) Layer conv1();
  @BatchNorm Layer bn1();
  @ReLU Layer relu();
  @Conv2d(out = 32, kernel = 3, padding = 1, bias = false) Layer conv2();
  @BatchNorm Layer bn2();
}

@Network(input = {16, 32, 32}, loss = Loss.CROSS_ENTROPY)
public interface DownBlock extends Model {
  @Residual(activation = Activation.RELU) Down stage2();
  @GlobalAvgPool Layer gap();
  @Linear(out = 10) Layer fc();
}
