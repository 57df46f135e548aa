package dev.staticnet.benchmarks;

import dev.staticnet.Activation;
import dev.staticnet.Conv2d;
import dev.staticnet.ExpectShape;
import dev.staticnet.Flatten;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.MaxPool2d;
import dev.staticnet.Model;
import dev.staticnet.Network;

/**
 * Seed {@code 001_…}'s CNN on 3@128×128 (its shape table and parameter count): max-pool 2, a 17×17
 * convolution to 12 channels, max-pool 3, two dense layers. Conv 10,416 + dense 394,634 = 405,050.
 */
@Network(input = {3, 128, 128}, loss = Loss.CROSS_ENTROPY, params = 405_050)
public interface SeedCnn extends Model {
  @MaxPool2d(kernel = 2, stride = 2) @ExpectShape({3, 64, 64}) Layer maxpool1();

  @Conv2d(out = 12, kernel = 17) @ExpectShape({12, 48, 48}) Layer conv();

  @MaxPool2d(kernel = 3, stride = 3) @ExpectShape({12, 16, 16}) Layer maxpool2();

  @Flatten @ExpectShape({3072}) Layer flatten();

  @Linear(out = 128, activation = Activation.RELU) Layer fc1();

  @Linear(out = 10) Layer fc2();

  static SeedCnn create(long seed) {
    return new StaticNet_SeedCnn(seed);
  }
}
