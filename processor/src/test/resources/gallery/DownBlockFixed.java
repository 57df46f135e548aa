import dev.staticnet.*;

@Block
interface Down {
  @Conv2d(out = 32, kernel = 3, stride = 2, padding = 1, bias = false) Layer conv1();
  @BatchNorm Layer bn1();
  @ReLU Layer relu();
  @Conv2d(out = 32, kernel = 3, padding = 1, bias = false) Layer conv2();
  @BatchNorm Layer bn2();
}

/** The shortcut: a strided 1x1 convolution maps 16x32x32 to 32x16x16 (ResNet's "option B"). */
@Block
interface Project {
  @Conv2d(out = 32, kernel = 1, stride = 2, bias = false) Layer conv();
  @BatchNorm Layer bn();
}

@Network(input = {16, 32, 32}, loss = Loss.CROSS_ENTROPY)
public interface DownBlockFixed extends Model {
  @Residual(shortcut = Project.class, activation = Activation.RELU) Down stage2();
  @GlobalAvgPool Layer gap();
  @Linear(out = 10) Layer fc();
}
