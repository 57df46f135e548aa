package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.BatchNorm;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.Optimizer;
import dev.staticnet.ReLU;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's BNNet ({@code fc1 = Linear(20, 10)}, {@code bn1 = BatchNorm1d(10)}, ReLU,
 * {@code fc2 = Linear(10, 1)}): in training a sample's output depends on the rest of the batch and a
 * batch of one is refused; in eval mode the running statistics make a sample's prediction the same
 * whatever else is in the batch.
 */
class SeedBnNetTest {
  @Network(input = {20}, loss = Loss.MSE, params = 241)
  interface BnNet extends Model {
    @Linear(out = 10) Layer fc1();
    @BatchNorm Layer bn1();
    @ReLU Layer relu();
    @Linear(out = 1) Layer fc2();
  }

  private static float[] rows(float[] x, int... rows) {
    float[] out = new float[rows.length * 20];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(x, rows[i] * 20, out, i * 20, 20);
    }
    return out;
  }

  @Test
  void evalModePredictsASampleTheSameWhateverElseIsInTheBatch() {
    Model net = new StaticNet_SeedBnNetTest_BnNet(3);
    float[] x = TestData.uniform(3 * 20, 7); // x = torch.randn(3, 20): 3 samples
    Optimizer sgd = Optimizer.sgd(0.1f);
    for (int step = 0; step < 5; step++) { // moves running_mean / running_var away from 0 / 1
      net.trainStep(x, TestData.uniform(3, 8 + step), 3, sgd);
    }
    float alone = net.predict(rows(x, 0), 1)[0];
    assertEquals(alone, net.predict(rows(x, 0, 1), 2)[0], 0f, "net(x[[0,1],])[0]");
    assertEquals(alone, net.predict(rows(x, 0, 2), 2)[0], 0f, "net(x[[0,2],])[0]");
    assertNotEquals(0f, net.parameters().get("bn1.running_mean")[0]);
  }

  @Test
  void trainingABatchOfOneFailsClearlyAndChangesNothing() {
    Model net = new StaticNet_SeedBnNetTest_BnNet(3);
    float[] before = net.parameters().get("fc1.weight");
    float[] mean = net.parameters().get("bn1.running_mean");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.trainStep(TestData.uniform(20, 9), new float[] {0.5f}, 1, Optimizer.sgd(0.1f)));
    assertTrue(e.getMessage().contains("Expected more than 1 value per channel when training"), e.getMessage());
    assertArrayEquals(before, net.parameters().get("fc1.weight"));
    assertArrayEquals(mean, net.parameters().get("bn1.running_mean"));
    assertEquals(0f, net.parameters().get("bn1.num_batches_tracked")[0]);
  }

  @Test
  void trainingModeStatisticsComeFromTheBatch() {
    // One train step on {0,1} and one on {0,2} from the same weights move running_mean differently:
    // the batch statistics (and so sample 0's normalised value) depend on the other sample.
    Model a = new StaticNet_SeedBnNetTest_BnNet(3);
    Model b = new StaticNet_SeedBnNetTest_BnNet(3);
    float[] x = TestData.uniform(3 * 20, 7);
    a.trainStep(rows(x, 0, 1), new float[2], 2, Optimizer.sgd(0f));
    b.trainStep(rows(x, 0, 2), new float[2], 2, Optimizer.sgd(0f));
    assertTrue(!Arrays.equals(a.parameters().get("bn1.running_mean"), b.parameters().get("bn1.running_mean")));
  }
}
