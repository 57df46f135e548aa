package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;

/** A deeper MLP for MNIST: 784 → 512 → 256 → 128 (ReLU each) → 10. */
@Network(input = {784}, loss = Loss.CROSS_ENTROPY, params = 567_434)
public interface DeepMlp extends Model {
  @Linear(out = 512, activation = Activation.RELU) Layer fc1();

  @Linear(out = 256, activation = Activation.RELU) Layer fc2();

  @Linear(out = 128, activation = Activation.RELU) Layer fc3();

  @Linear(out = 10) Layer out();

  static DeepMlp create(long seed) {
    return new StaticNet_DeepMlp(seed);
  }
}
