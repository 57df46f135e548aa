package dev.staticnet.benchmarks;

import dev.staticnet.Activation;
import dev.staticnet.AvgPool2d;
import dev.staticnet.Conv2d;
import dev.staticnet.ExpectShape;
import dev.staticnet.Flatten;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;

/** LeNet-5 as DSL.md declares it (1×28×28): two tanh convolutions with average pooling, three dense layers. */
@Network(input = {1, 28, 28}, loss = Loss.CROSS_ENTROPY, params = 61_706)
public interface LeNet5 extends Model {
  @Conv2d(out = 6, kernel = 5, padding = 2, activation = Activation.TANH) Layer c1();

  @AvgPool2d(kernel = 2) Layer s2();

  @Conv2d(out = 16, kernel = 5, activation = Activation.TANH) Layer c3();

  @AvgPool2d(kernel = 2) @ExpectShape({16, 5, 5}) Layer s4();

  @Flatten Layer flat();

  @Linear(out = 120, activation = Activation.TANH) Layer f5();

  @Linear(out = 84, activation = Activation.TANH) Layer f6();

  @Linear(out = 10) Layer out();

  static LeNet5 create(long seed) {
    return new StaticNet_LeNet5(seed);
  }
}
