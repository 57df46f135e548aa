package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Same seed: bit-identical parameters, dropout masks and training. */
class DeterminismTest {
  @Test
  void sameSeedGivesBitIdenticalParametersAndTraining() {
    Model a = new StaticNet_SeedNets_NormedClassifier(42);
    Model b = new StaticNet_SeedNets_NormedClassifier(42);
    for (String name : a.parameters().names()) {
      assertArrayEquals(a.parameters().get(name), b.parameters().get(name), name);
    }
    Optimizer optA = Optimizer.adam(0.01f);
    Optimizer optB = Optimizer.adam(0.01f);
    float[] x = TestData.uniform(16 * 2, 7);
    int[] y = TestData.labels(16, 2, 8);
    float[] lossesA = new float[5];
    float[] lossesB = new float[5];
    for (int step = 0; step < 5; step++) {
      lossesA[step] = a.trainStep(x, y, 16, optA);
      lossesB[step] = b.trainStep(x, y, 16, optB);
    }
    assertArrayEquals(lossesA, lossesB, "losses with dropout and BatchNorm");
    assertFalse(lossesA[0] == lossesA[4], "training moved: " + Arrays.toString(lossesA));
    for (String name : a.parameters().names()) {
      assertArrayEquals(a.parameters().get(name), b.parameters().get(name), name + " after training");
    }
  }

  @Test
  void differentSeedsGiveDifferentParameters() {
    Model a = new StaticNet_SeedNets_TwoLayer(1);
    Model b = new StaticNet_SeedNets_TwoLayer(2);
    assertFalse(Arrays.equals(a.parameters().get("fc1.weight"), b.parameters().get("fc1.weight")));
  }

  @Test
  void predictionIsRepeatable() {
    Model m = new StaticNet_ResidualNets_ResidualMlp(3);
    float[] x = TestData.uniform(5 * 4, 4);
    float[] first = m.predict(x, 5);
    assertArrayEquals(first, m.predict(x, 5));
    // A batch of one gives the same row as the batch of five.
    float[] row = m.predict(Arrays.copyOfRange(x, 8, 12), 1);
    assertEquals(3, row.length);
    for (int k = 0; k < 3; k++) {
      assertEquals(first[2 * 3 + k], row[k], 1e-6f);
    }
  }
}
