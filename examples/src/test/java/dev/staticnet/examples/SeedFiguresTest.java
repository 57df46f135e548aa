package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Layer;
import dev.staticnet.Model;
import dev.staticnet.Parameters;
import dev.staticnet.Shape;
import dev.staticnet.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seeds' figures and PyTorch's names, shapes and initial values. */
class SeedFiguresTest {
  @Test
  void mlp2x1024x512x3HasTheSeedsParameterCount() {
    assertEquals(529_411L, StaticNet_SeedNets_Mlp2x1024x512x3.PARAMETER_COUNT);
    Model m = new StaticNet_SeedNets_Mlp2x1024x512x3(1);
    assertEquals(529_411L, m.parameterCount());
    assertEquals(Shape.of(3), m.outputShape());
    assertEquals(3 * 4, m.predict(new float[2 * 4], 4).length);
  }

  @Test
  void networkShapingComputesXPlusFive() {
    Model m = new StaticNet_SeedNets_Shaping(2);
    m.parameters().set("hidden.weight", new float[] {1, -1});
    m.parameters().set("hidden.bias", new float[] {5, -5});
    m.parameters().set("out.weight", new float[] {1, -1});
    float[] x = {-12.5f, -5f, -4.25f, -1f, 0f, 0.5f, 3f, 17.75f};
    float[] y = m.predict(x, x.length);
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i] + 5, y[i], 0f, "x = " + x[i]);
    }
  }

  @Test
  void parameterNamesAndShapesFollowStateDict() {
    Model m = new StaticNet_SeedNets_TwoLayer(3);
    Parameters p = m.parameters();
    assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), p.names());
    assertArrayEquals(new int[] {500, 784}, p.shape("fc1.weight"));
    assertArrayEquals(new int[] {500}, p.shape("fc1.bias"));
    assertArrayEquals(new int[] {10, 500}, p.shape("fc2.weight"));
    assertEquals(397_510L, StaticNet_SeedNets_TwoLayer.PARAMETER_COUNT);
    List<String> layers = m.layers().stream().map(Layer::name).toList();
    assertEquals(List.of("fc1", "fc2"), layers);
    assertEquals("Linear", m.layers().get(0).kind());
    assertEquals(392_500L, m.layers().get(0).parameterCount());
    assertFalse(m.summary().isEmpty());
  }

  @Test
  void linearInitialisationIsPyTorchsUniform() {
    Model m = new StaticNet_SeedNets_TwoLayer(4);
    float[] w = m.parameters().get("fc1.weight");
    float bound = (float) (1 / Math.sqrt(784));
    double sum = 0;
    float max = 0;
    for (float v : w) {
      assertTrue(Math.abs(v) <= bound, "weight " + v + " outside U(-1/sqrt(784), 1/sqrt(784))");
      max = Math.max(max, Math.abs(v));
      sum += v;
    }
    assertTrue(max > 0.99f * bound, "the weights fill the range, max |w| = " + max);
    assertEquals(0, sum / w.length, 0.01 * bound, "mean of U(-b, b)");
    float[] b2 = m.parameters().get("fc2.bias");
    for (float v : b2) {
      assertTrue(Math.abs(v) <= (float) (1 / Math.sqrt(500)), "fc2.bias uses fan_in 500");
    }
  }

  @Test
  void blockStepsAreNamedLikeModuleLists() {
    StaticNet_ResidualNets_ResidualMlp m = new StaticNet_ResidualNets_ResidualMlp(5);
    assertEquals(List.of(
        "stem.weight", "stem.bias",
        "stage1.0.norm.weight", "stage1.0.norm.bias", "stage1.0.fc1.weight", "stage1.0.fc1.bias",
        "stage1.0.fc2.weight", "stage1.0.fc2.bias",
        "stage1.1.norm.weight", "stage1.1.norm.bias", "stage1.1.fc1.weight", "stage1.1.fc1.bias",
        "stage1.1.fc2.weight", "stage1.1.fc2.bias",
        "step.fc.weight", "step.bn.weight", "step.bn.bias", "step.bn.running_mean",
        "step.bn.running_var", "step.bn.num_batches_tracked", "step.out.weight", "step.out.bias",
        "step.shortcut.x.weight",
        "head.fc.weight", "head.fc.bias"), m.parameters().names());
    assertArrayEquals(new int[] {5, 6}, m.parameters().shape("step.shortcut.x.weight"));
    assertArrayEquals(new int[] {8, 6}, m.parameters().shape("stage1.1.fc1.weight"));
    assertFalse(m.parameters().trainable("step.bn.running_var"));
    assertArrayEquals(new float[] {1, 1, 1, 1, 1}, m.parameters().get("step.bn.running_var"));
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, m.parameters().get("stage1.0.norm.weight"));
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, m.parameters().get("stage1.0.norm.bias"));
    // The interface's step methods reach every inner step.
    assertEquals("stage1.1.fc2", m.stage1().get(1).fc2().name());
    assertEquals(2, m.stage1().size());
    assertEquals("step.bn", m.step().bn().name());
    assertEquals("BatchNorm", m.step().bn().kind());
    assertEquals("head.fc", m.head().fc().name());
    assertEquals(Shape.of(3), m.head().fc().outputShape());
    assertEquals("stem", m.stem().name());
  }

  @Test
  void blocksInsideBlocks() {
    StaticNet_ResidualNets_Nested m = new StaticNet_ResidualNets_Nested(7);
    assertEquals(List.of("tower.first.fc.weight", "tower.first.fc.bias", "tower.skip.fc.weight", "tower.skip.fc.bias",
        "tower.more.0.fc.weight", "tower.more.0.fc.bias", "tower.more.1.fc.weight", "tower.more.1.fc.bias",
        "head.weight", "head.bias"), m.parameters().names());
    assertEquals(List.of("tower.first.fc", "tower.skip.fc", "tower.more.0.fc", "tower.more.1.fc", "head"),
        m.layers().stream().map(Layer::name).toList());
    assertEquals("tower.more.1.fc", m.tower().more().get(1).fc().name());
    assertEquals("tower.skip.fc", m.tower().skip().fc().name());
    assertEquals("tower.first.fc", m.tower().first().fc().name());
  }

  @Test
  void batchNormCountsTrainingBatches() {
    Model m = new StaticNet_SeedNets_NormedClassifier(6);
    assertArrayEquals(new float[] {0}, m.parameters().get("bn1.num_batches_tracked"));
    float[] x = TestData.uniform(8 * 2, 1);
    int[] y = TestData.labels(8, 2, 2);
    Optimizer sgd = Optimizer.sgd(0.1f);
    for (int i = 0; i < 3; i++) {
      m.trainStep(x, y, 8, sgd);
    }
    assertArrayEquals(new float[] {3}, m.parameters().get("bn1.num_batches_tracked"));
    float[] runningMean = m.parameters().get("bn1.running_mean");
    assertTrue(Math.abs(runningMean[0]) > 0, "running mean moved from 0: " + runningMean[0]);
    m.predict(x, 8);
    assertArrayEquals(new float[] {3}, m.parameters().get("bn1.num_batches_tracked"), "eval does not count");
  }
}
