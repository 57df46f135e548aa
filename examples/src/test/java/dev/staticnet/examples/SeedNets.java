package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.BatchNorm;
import dev.staticnet.Dropout;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.ReLU;

/** Networks from the course seeds. */
final class SeedNets {
  private SeedNets() {}

  /** The 2-1024-512-3 classifier: 2·1024 + 1024 + 1024·512 + 512 + 512·3 + 3 = 529,411 parameters. */
  @Network(input = {2}, loss = Loss.CROSS_ENTROPY, params = 529_411)
  interface Mlp2x1024x512x3 extends Model {
    @Linear(out = 1024, activation = Activation.RELU) Layer fc1();
    @Linear(out = 512, activation = Activation.RELU) Layer fc2();
    @Linear(out = 3) Layer fc3();
  }

  /** "Network shaping": with weights [1, -1]ᵀ, bias [5, -5] and [1, -1] it computes relu(x+5) − relu(−x−5) = x + 5. */
  @Network(input = {1}, loss = Loss.MSE, params = 6)
  interface Shaping extends Model {
    @Linear(out = 2) Layer hidden();
    @ReLU Layer relu();
    @Linear(out = 1, bias = false) Layer out();
  }

  /** The MNIST two-layer net. */
  @Network(input = {784}, loss = Loss.CROSS_ENTROPY, params = 397_510)
  interface TwoLayer extends Model {
    @Linear(out = 500, activation = Activation.RELU) Layer fc1();
    @Linear(out = 10) Layer fc2();
  }

  /** A classifier with BatchNorm and Dropout, for training, determinism and validation tests. */
  @Network(input = {2}, loss = Loss.CROSS_ENTROPY)
  interface NormedClassifier extends Model {
    @Linear(out = 16, bias = false) Layer fc1();
    @BatchNorm Layer bn1();
    @ReLU Layer relu1();
    @Dropout(p = 0.1) Layer drop();
    @Linear(out = 2) Layer fc2();
  }
}
