import dev.staticnet.*;

@Network(input = {1, 32, 32}, loss = Loss.CROSS_ENTROPY)
public interface LeNetStale extends Model {
  @Conv2d(out = 6, kernel = 5, activation = Activation.TANH) Layer c1();
  @AvgPool2d(kernel = 2) Layer s2();
  @Conv2d(out = 16, kernel = 5, activation = Activation.TANH) Layer c3();
  @AvgPool2d(kernel = 2) Layer s4();
  @Conv2d(out = 120, kernel = 5, activation = Activation.TANH) @ExpectShape({120}) Layer c5();
  @Flatten Layer flat();
  @Linear(out = 84, activation = Activation.TANH) Layer f6();
  @Linear(out = 10) Layer out();
}
