package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;

/** The seeds' TwoLayerNet: 784 → 500 (ReLU) → 10, trained with softmax cross-entropy. */
@Network(input = {784}, loss = Loss.CROSS_ENTROPY, params = 397_510)
public interface TwoLayerNet extends Model {
  @Linear(out = 500, activation = Activation.RELU) Layer fc1();

  @Linear(out = 10) Layer fc2();

  static TwoLayerNet create(long seed) {
    return new StaticNet_TwoLayerNet(seed);
  }
}
