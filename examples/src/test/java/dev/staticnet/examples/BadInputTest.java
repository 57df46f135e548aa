package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Wrong sizes and labels: a clear IllegalArgumentException, and the model left as it was. */
class BadInputTest {
  private static List<float[]> snapshot(Model m) {
    List<float[]> values = new ArrayList<>();
    Parameters p = m.parameters();
    for (String name : p.names()) {
      values.add(p.get(name));
    }
    return values;
  }

  private static void assertUnchanged(Model m, List<float[]> before) {
    Parameters p = m.parameters();
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(before.get(i), p.get(p.names().get(i)), p.names().get(i) + " changed by a failed call");
    }
  }

  /** Runs the call, expects an IllegalArgumentException whose message contains every fragment. */
  private static void assertRejected(Model m, Executable call, String... fragments) {
    List<float[]> before = snapshot(m);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
    }
    assertUnchanged(m, before);
  }

  @Test
  void wrongInputLength() {
    Model m = new StaticNet_SeedNets_NormedClassifier(1);
    Optimizer sgd = Optimizer.sgd(0.1f);
    int[] labels = {0, 1, 0};
    assertRejected(m, () -> m.predict(new float[5], 3), "input needs 6 floats", "batch 3 x 2", "got 5");
    assertRejected(m, () -> m.trainStep(new float[7], labels, 3, sgd), "input needs 6 floats", "got 7");
    assertRejected(m, () -> m.predict(new float[6], 0), "batch must be at least 1, got 0");
    assertRejected(m, () -> m.predict(new float[6], 3, new float[5]), "output needs 6 floats", "got 5");
  }

  @Test
  void labelOutOfRange() {
    Model m = new StaticNet_SeedNets_NormedClassifier(2);
    Optimizer sgd = Optimizer.sgd(0.1f);
    float[] x = TestData.uniform(6, 1);
    assertRejected(m, () -> m.trainStep(x, new int[] {0, 2, 1}, 3, sgd), "label 2 at index 1", "[0, 2)");
    assertRejected(m, () -> m.trainStep(x, new int[] {-1, 0, 1}, 3, sgd), "label -1 at index 0");
    assertRejected(m, () -> m.trainStep(x, new int[] {0, 1}, 3, sgd), "labels needs 3 class indices", "got 2");
    assertRejected(m, () -> m.trainStep(x, new float[6], 3, sgd), "CROSS_ENTROPY trains on int[] class labels");
    // The counter of the BatchNorm did not move either.
    assertArrayEquals(new float[] {0}, m.parameters().get("bn1.num_batches_tracked"));
  }

  @Test
  void wrongTargetsLength() {
    Model m = new StaticNet_DenseNets_BatchNormAffine(3);
    Optimizer sgd = Optimizer.sgd(0.1f);
    float[] x = TestData.uniform(8, 1);
    assertRejected(m, () -> m.trainStep(x, new float[5], 2, sgd), "targets needs 6 floats", "batch 2 x 3", "got 5");
    assertRejected(m, () -> m.trainStep(x, new int[2], 2, sgd), "MSE trains on float[] targets");
  }

  @Test
  void batchNormOverFeaturesNeedsTwoSamplesToTrain() {
    Model m = new StaticNet_SeedNets_NormedClassifier(4);
    assertRejected(m, () -> m.trainStep(new float[2], new int[] {1}, 1, Optimizer.sgd(0.1f)), "bn1",
        "Expected more than 1 value per channel when training");
    assertEquals(2, m.predict(new float[2], 1).length, "eval mode works with one sample");
  }

  @Test
  void unknownTensorName() {
    Model m = new StaticNet_SeedNets_TwoLayer(5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.parameters().get("fc3.weight"));
    assertTrue(e.getMessage().contains("fc3.weight") && e.getMessage().contains("fc1.weight"), e.getMessage());
    assertRejected(m, () -> m.parameters().set("fc2.bias", new float[9]), "fc2.bias", "[10]", "got 9 values");
  }
}
