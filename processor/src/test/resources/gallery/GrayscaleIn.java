import dev.staticnet.*;

@Network(input = {3, 28, 28}, loss = Loss.CROSS_ENTROPY)
public interface GrayscaleIn extends Model {
  @Conv2d(in = 1, out = 6, kernel = 5, padding = 2, activation = Activation.TANH) Layer c1();
  @GlobalAvgPool Layer gap();
  @Linear(out = 10) Layer fc();
}
