package dev.staticnet.examples;

import dev.staticnet.LSTM;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;

/**
 * A sequence classifier: an MNIST image read as 28 time steps (its rows) of 28 features, one LSTM
 * layer of 128 units, its last state → 10 class logits. 4·128·(28 + 128) + 2·4·128 + 128·10 + 10
 * = 82,186 parameters.
 */
@Network(input = {28, 28}, loss = Loss.CROSS_ENTROPY, params = 82_186)
public interface MnistRows extends Model {
  @LSTM(hidden = 128) Layer lstm();

  @Linear(out = 10) Layer out();

  static MnistRows create(long seed) {
    return new StaticNet_MnistRows(seed);
  }
}
