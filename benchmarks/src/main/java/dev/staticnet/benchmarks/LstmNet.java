package dev.staticnet.benchmarks;

import dev.staticnet.LSTM;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;

/**
 * Issue 4's LSTM benchmark network: 32 steps of 64 features, one LSTM layer of hidden size 256 keeping the
 * last state, a linear classifier over 10 classes. LSTM 4·(256·64 + 256·256 + 2·256) = 329,728; head 2,570.
 */
@Network(input = {LstmNet.STEPS, LstmNet.FEATURES}, loss = Loss.CROSS_ENTROPY, params = 332_298)
public interface LstmNet extends Model {
  int STEPS = 32;
  int FEATURES = 64;
  int HIDDEN = 256;

  @LSTM(hidden = HIDDEN) Layer lstm();

  @Linear(out = 10) Layer out();

  static LstmNet create(long seed) {
    return new StaticNet_LstmNet(seed);
  }
}
