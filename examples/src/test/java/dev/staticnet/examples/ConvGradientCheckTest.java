package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.Shape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every generated image step's backward pass against central differences. */
class ConvGradientCheckTest {
  private static final int BATCH = 3;

  /** MSE against random targets; returns the number of elements compared. */
  private static int checkMse(Model model, boolean training) {
    float[] x = TestData.uniform(BATCH * model.inputShape().size(), 41);
    float[] y = TestData.uniform(BATCH * model.outputShape().size(), 42);
    return GradientCheck.check(model, x, null, y, BATCH, training);
  }

  private static int checkLabels(Model model, boolean training) {
    int[] shape = model.outputShape().dims();
    float[] x = TestData.uniform(BATCH * model.inputShape().size(), 43);
    int[] labels = TestData.labels(BATCH, shape[shape.length - 1], 44);
    return GradientCheck.check(model, x, labels, null, BATCH, training);
  }

  /** Every parameter and input element was compared. */
  private static void checkedAll(Model m, int checked) {
    assertEquals(m.parameterCount() + (long) BATCH * m.inputShape().size(), checked, m.getClass().getSimpleName());
  }

  @Test
  void convWithStride2() {
    Model m = new StaticNet_ConvNets_ConvStride2(1);
    assertEquals(Shape.of(3, 3, 3), m.outputShape());
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void convWithNonSquarePadding() {
    Model m = new StaticNet_ConvNets_ConvPadding(2);
    assertEquals(Shape.of(3, 5, 7), m.outputShape());
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void convWithDilation2() {
    Model m = new StaticNet_ConvNets_ConvDilation(3);
    assertEquals(Shape.of(2, 3, 3), m.outputShape());
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void convWithTwoGroups() {
    Model m = new StaticNet_ConvNets_ConvGroups(4);
    assertEquals(List.of(6, 2, 3, 3), boxed(m.parameters().shape("conv.weight")));
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void depthwiseConv() {
    Model m = new StaticNet_ConvNets_ConvDepthwise(5);
    assertEquals(List.of(3, 1, 3, 3), boxed(m.parameters().shape("conv.weight")));
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void convWithNonSquareKernelAndStride() {
    Model m = new StaticNet_ConvNets_ConvNonSquare(6);
    assertEquals(Shape.of(3, 2, 5), m.outputShape());
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void convWithoutBias() {
    Model m = new StaticNet_ConvNets_ConvNoBias(7);
    assertEquals(List.of("conv.weight"), m.parameters().names());
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void convWithFusedActivations() {
    Model m = new StaticNet_ConvNets_ConvFused(8);
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void maxPoolingWithNonSquareWindowAndPadding() {
    Model m = new StaticNet_ConvNets_MaxPools(9);
    // p1: (5 + 2 - 2) / 2 + 1 = 3 rows, 4 columns; p2: (3 + 2 - 3) / 2 + 1 = 2, (4 + 2 - 3) / 2 + 1 = 2
    assertEquals(Shape.of(2, 2, 2), m.outputShape());
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void avgPoolingWithNonSquareWindowAndPadding() {
    Model m = new StaticNet_ConvNets_AvgPools(10);
    assertEquals(Shape.of(2, 2, 2), m.outputShape());
    checkedAll(m, checkMse(m, true));
  }

  @Test
  void globalAveragePooling() {
    Model m = new StaticNet_ConvNets_GapHead(11);
    checkedAll(m, checkLabels(m, true));
  }

  @Test
  void convPoolFlattenClassifier() {
    Model m = new StaticNet_ConvNets_ConvPoolFlatten(12);
    checkedAll(m, checkLabels(m, true));
  }

  @Test
  void batchNorm2dAfterConvInTrainAndEvalMode() {
    Model m = new StaticNet_ConvNets_ConvBn(13);
    checkMse(m, true);
    m.parameters().set("bn.running_mean", new float[] {0.2f, -0.3f, 0.1f});
    m.parameters().set("bn.running_var", new float[] {0.6f, 1.7f, 0.9f});
    m.parameters().set("bn.weight", new float[] {1.3f, -0.8f, 0.5f});
    m.parameters().set("bn.bias", new float[] {0.1f, 0.4f, -0.2f});
    checkMse(m, false);
  }

  @Test
  void dropoutOnImagesWithZeroProbabilityInTrainModeAndInEvalMode() {
    Model none = new StaticNet_ConvNets_ConvDropoutNone(16);
    checkedAll(none, checkMse(none, true));
    Model half = new StaticNet_ConvNets_ConvDropoutHalf(17);
    checkedAll(half, checkMse(half, false));
  }

  @Test
  void wholeResidualNetworkInEvalModeWithLearnedRunningStatistics() {
    Model m = new StaticNet_ConvNets_SmallResNet(14);
    assertEquals(1_305L, m.parameterCount());
    assertTrue(m.parameters().names().contains("stage1.1.conv2.weight"));
    assertTrue(m.parameters().names().contains("stage2.shortcut.conv.weight"));
    // Steps with learning rate 0 only move the BatchNorm running statistics away from (0, 1).
    for (int i = 0; i < 5; i++) {
      m.trainStep(TestData.uniform(8 * 72, 50 + i), TestData.labels(8, 3, 60 + i), 8, Optimizer.sgd(0f));
    }
    assertTrue(Math.abs(m.parameters().get("stage2.bn2.running_var")[0] - 1f) > 1e-3f);
    checkedAll(m, checkLabels(m, false));
  }

  @Test
  void wholeResidualNetworkInTrainMode() {
    // SmallResNet's structure with Tanh for ReLU: with ReLU, train-mode BatchNorm shifts every
    // pre-activation when one weight moves, so central differences keep crossing kinks.
    Model m = new StaticNet_ConvNets_SmoothResNet(15);
    assertEquals(StaticNet_ConvNets_SmallResNet.PARAMETER_COUNT, m.parameterCount());
    checkedAll(m, checkLabels(m, true));
  }

  private static List<Integer> boxed(int[] a) {
    return Arrays.stream(a).boxed().toList();
  }
}
