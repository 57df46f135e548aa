package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Layer;
import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped Fashion-MNIST ResNet: its compile-time summary, names, shapes, and a first training step. */
class ResNetFashionTest {
  /**
   * stem 1·16·9 + BN 32 = 176; stage1 2 × (2 · 16·16·9 + 2 · 32) = 9,344; stage2 16·32·9 + 64 + 32·32·9 + 64
   * = 13,952 and its shortcut 16·32 + 64 = 576; stage3 32·64·9 + 128 + 64·64·9 + 128 = 55,552 and its
   * shortcut 32·64 + 128 = 2,176; fc 64·10 + 10 = 650.
   */
  private static final long PARAMETERS = 176 + 9_344 + 13_952 + 576 + 55_552 + 2_176 + 650;

  @Test
  void summaryGivesTheShapesAndCountsOfEachStage() {
    assertEquals(82_426L, PARAMETERS);
    assertEquals(PARAMETERS, StaticNet_ResNetFashion.PARAMETER_COUNT);
    Model m = ResNetFashion.create(1);
    assertEquals(PARAMETERS, m.parameterCount());
    String summary = m.summary();
    for (String row : List.of(
        "stem                  Conv2d            16x28x28         144",
        "pool                  MaxPool2d         16x14x14           0",
        "stage1.1.conv2        Conv2d            16x14x14       2,304",
        "stage1.1              + residual, ReLU  16x14x14          --",
        "stage2.conv1          Conv2d            32x7x7         4,608",
        "stage2.shortcut.conv  Conv2d            32x7x7           512",
        "stage3.conv2          Conv2d            64x4x4        36,864",
        "stage3                + residual, ReLU  64x4x4            --",
        "gap                   GlobalAvgPool     64                 0",
        "trainable parameters: 82,426")) {
      assertTrue(summary.contains(row), "summary lacks '" + row + "':\n" + summary);
    }
    assertEquals(Shape.of(10), m.outputShape());
    Layer last = m.layers().get(m.layers().size() - 1);
    assertEquals("fc", last.name());
    assertEquals(650L, last.parameterCount());
  }

  @Test
  void parametersCarryPyTorchNamesAndShapes() {
    Model m = ResNetFashion.create(2);
    List<String> names = m.parameters().names();
    assertEquals("stem.weight", names.get(0));
    assertTrue(names.contains("stage1.1.bn2.running_var"), names.toString());
    assertTrue(names.contains("stage3.shortcut.bn.num_batches_tracked"), names.toString());
    assertArrayEquals(new int[] {16, 1, 3, 3}, m.parameters().shape("stem.weight"));
    assertArrayEquals(new int[] {32, 16, 1, 1}, m.parameters().shape("stage2.shortcut.conv.weight"));
    assertArrayEquals(new int[] {64, 32, 3, 3}, m.parameters().shape("stage3.conv1.weight"));
    assertArrayEquals(new int[] {10, 64}, m.parameters().shape("fc.weight"));
  }

  @Test
  void oneAdamStepLowersTheLossOnATinyBatch() {
    Model m = ResNetFashion.create(3);
    int batch = 8;
    float[] x = TestData.uniform(batch * 784, 4);
    int[] labels = TestData.labels(batch, 10, 5);
    Optimizer adam = Optimizer.adam(2e-3f);
    float before = m.trainStep(x, labels, batch, adam); // the loss before this step's update
    float after = m.trainStep(x, labels, batch, adam); // the loss after one update
    assertTrue(Math.abs(before - Math.log(10)) < 0.5, "initial loss near ln 10: " + before);
    assertTrue(after < before - 0.05f, "one step: " + before + " -> " + after);
    float[] logits = m.predict(x, batch);
    assertEquals(batch * 10, logits.length);
    for (float v : logits) {
      assertTrue(Float.isFinite(v), "eval-mode logit " + v);
    }
  }
}
