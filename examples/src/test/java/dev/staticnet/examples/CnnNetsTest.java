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

/** DSL.md's CNNs and the seeds' convolutional networks as generated classes. */
class CnnNetsTest {
  @Test
  void leNet5HasItsParameterCountAndShapes() {
    assertEquals(61_706L, StaticNet_LeNet5.PARAMETER_COUNT);
    Model m = new StaticNet_LeNet5(1);
    List<String> kinds = m.layers().stream().map(Layer::kind).toList();
    assertEquals(List.of("Conv2d", "AvgPool2d", "Conv2d", "AvgPool2d", "Flatten", "Linear", "Linear", "Linear"), kinds);
    assertEquals(156L, m.layers().get(0).parameterCount());
    assertEquals(Shape.of(6, 28, 28), m.layers().get(0).outputShape());
    assertEquals(Shape.of(16, 5, 5), m.layers().get(3).outputShape());
    float[] y = m.predict(TestData.uniform(2 * 784, 2), 2);
    assertEquals(20, y.length);
    for (float v : y) {
      assertTrue(Float.isFinite(v));
    }
  }

  @Test
  void leNet5TrainsOnRandomDataWithTheLossFalling() {
    Model m = new StaticNet_LeNet5(3);
    int batch = 16;
    float[] x = TestData.uniform(batch * 784, 4);
    int[] labels = TestData.labels(batch, 10, 5);
    Optimizer adam = Optimizer.adam(1e-3f);
    float first = m.trainStep(x, labels, batch, adam);
    float last = first;
    for (int step = 0; step < 30; step++) {
      last = m.trainStep(x, labels, batch, adam);
    }
    assertTrue(Math.log(10) - 0.3 < first && first < Math.log(10) + 0.3, "initial loss near ln 10: " + first);
    assertTrue(last < 0.7f * first, "loss " + first + " -> " + last);
  }

  @Test
  void tinyResNetHasItsCountsNamesAndForwardShape() {
    assertEquals(29_322L, StaticNet_CnnNets_TinyResNet.PARAMETER_COUNT);
    Model m = new StaticNet_CnnNets_TinyResNet(6);
    List<String> names = m.parameters().names();
    assertTrue(names.contains("stage1.2.conv1.weight"), names.toString());
    assertTrue(names.contains("stage2.shortcut.bn.running_var"), names.toString());
    assertArrayEquals(new int[] {32, 16, 1, 1}, m.parameters().shape("stage2.shortcut.conv.weight"));
    assertEquals(Shape.of(10), m.outputShape());
    float[] x = TestData.uniform(2 * 3 * 32 * 32, 7);
    assertEquals(20, m.predict(x, 2).length);
    assertTrue(Float.isFinite(m.trainStep(x, new int[] {1, 7}, 2, Optimizer.sgd(0.01f))));
  }

  @Test
  void seed000SampleNetHas238Parameters() {
    assertEquals(238L, StaticNet_CnnNets_SampleNet.PARAMETER_COUNT);
    Model m = new StaticNet_CnnNets_SampleNet(8);
    assertEquals(List.of("batchNorm.weight", "batchNorm.bias", "batchNorm.running_mean", "batchNorm.running_var",
        "batchNorm.num_batches_tracked", "conv.weight", "fc.weight", "fc.bias"), m.parameters().names());
    assertEquals(3 * 10, m.predict(TestData.uniform(3 * 48, 9), 3).length);
  }

  @Test
  void seed001CnnHas405050ParametersAndTheSeedsShapes() {
    assertEquals(405_050L, StaticNet_CnnNets_SeedCnn.PARAMETER_COUNT);
    Model m = new StaticNet_CnnNets_SeedCnn(10);
    List<Shape> shapes = m.layers().stream().map(Layer::outputShape).toList();
    assertEquals(List.of(Shape.of(3, 64, 64), Shape.of(12, 48, 48), Shape.of(12, 16, 16), Shape.of(3072),
        Shape.of(128), Shape.of(10)), shapes);
    assertEquals(10_416L, m.layers().get(1).parameterCount());
    assertEquals(10, m.predict(TestData.uniform(3 * 128 * 128, 11), 1).length);
  }

  @Test
  void seed002AlexNetFirstLayerHas34944Parameters() {
    assertEquals(34_944L, StaticNet_CnnNets_AlexConv.PARAMETER_COUNT);
    Model m = new StaticNet_CnnNets_AlexConv(12);
    assertEquals(Shape.of(96, 55, 55), m.outputShape());
    assertEquals(96 * 55 * 55, m.predict(TestData.uniform(3 * 227 * 227, 13), 1).length);
  }

  @Test
  void seed004ShapeWalkEndsInLinear576To10() {
    assertEquals(11_926L, StaticNet_CnnNets_SeedWalk.PARAMETER_COUNT);
    Model m = new StaticNet_CnnNets_SeedWalk(20);
    List<Long> counts = m.layers().stream().map(Layer::parameterCount).toList();
    assertEquals(List.of(448L, 0L, 4_640L, 0L, 264L, 804L, 0L, 5_770L), counts);
    float[] x = TestData.uniform(2 * 3 * 64 * 64, 21);
    assertEquals(20, m.predict(x, 2).length);
    assertTrue(Float.isFinite(m.trainStep(x, new int[] {3, 9}, 2, Optimizer.sgd(0.01f))));
  }

  @Test
  void pointwiseConvEqualsLinearWithTheSameWeights() {
    Model conv = new StaticNet_ConvNets_Pointwise(14);
    Model linear = new StaticNet_ConvNets_PointwiseAsLinear(15);
    float[] w = TestData.uniform(3 * 4, 16);
    float[] b = TestData.uniform(3, 17);
    conv.parameters().set("conv.weight", w);
    conv.parameters().set("conv.bias", b);
    linear.parameters().set("fc.weight", w);
    linear.parameters().set("fc.bias", b);
    int batch = 2;
    int pixels = 2 * 3;
    float[] x = TestData.uniform(batch * 4 * pixels, 18); // (B, 4, 2, 3)
    float[] rows = new float[batch * pixels * 4]; // (B·H·W, 4): each pixel's channels
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < 4; c++) {
        for (int p = 0; p < pixels; p++) {
          rows[(n * pixels + p) * 4 + c] = x[(n * 4 + c) * pixels + p];
        }
      }
    }
    float[] y = conv.predict(x, batch); // (B, 3, 2, 3)
    float[] expected = linear.predict(rows, batch * pixels); // (B·H·W, 3)
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < 3; o++) {
        for (int p = 0; p < pixels; p++) {
          assertEquals(expected[(n * pixels + p) * 3 + o], y[(n * 3 + o) * pixels + p], 1e-6f);
        }
      }
    }
  }

  @Test
  void convInitialisationIsPyTorchsUniformAndInitOverridesApply() {
    Model m = new StaticNet_ConvNets_ConvInits(19);
    for (float v : m.parameters().get("zeros.weight")) {
      assertEquals(0f, v);
    }
    // KAIMING_UNIFORM: U(±sqrt(6 / fan_in)), fan_in = 3 · 1 · 1; bias zero
    assertWithin(m.parameters().get("kaiming.weight"), (float) Math.sqrt(6.0 / 3));
    for (float v : m.parameters().get("kaiming.bias")) {
      assertEquals(0f, v);
    }
    // default: U(±1/sqrt(fan_in)), fan_in = 4 · 2 · 2 = 16, for weight and bias
    assertWithin(m.parameters().get("plain.weight"), 0.25f);
    assertWithin(m.parameters().get("plain.bias"), 0.25f);
  }

  /** All values inside ±bound, and spread over it (the largest magnitude is over half the bound). */
  private static void assertWithin(float[] values, float bound) {
    float max = 0;
    for (float v : values) {
      assertTrue(Math.abs(v) <= bound, v + " outside ±" + bound);
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max > bound / 2, "largest |value| " + max + " of bound " + bound);
  }
}
