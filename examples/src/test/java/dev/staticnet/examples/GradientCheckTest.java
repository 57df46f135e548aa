package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.GeneratedModel;
import dev.staticnet.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every generated dense step kind's backward pass against central differences. */
class GradientCheckTest {
  private static final int BATCH = 4;

  /** MSE against random targets, in the given mode; returns the number of elements compared. */
  private static int checkMse(Model model, boolean training) {
    float[] x = TestData.uniform(BATCH * model.inputShape().size(), 11);
    float[] y = TestData.uniform(BATCH * model.outputShape().size(), 12);
    return GradientCheck.check(model, x, null, y, BATCH, training);
  }

  private static int checkLabels(Model model, int labelsPerSample, boolean training) {
    int[] shape = model.outputShape().dims();
    float[] x = TestData.uniform(BATCH * model.inputShape().size(), 13);
    int[] labels = TestData.labels(BATCH * labelsPerSample, shape[shape.length - 1], 14);
    return GradientCheck.check(model, x, labels, null, BATCH, training);
  }

  @Test
  void standaloneActivations() {
    for (Model m : List.of(new StaticNet_DenseNets_StandaloneRelu(1), new StaticNet_DenseNets_StandaloneLeakyRelu(2),
        new StaticNet_DenseNets_StandaloneSigmoid(3), new StaticNet_DenseNets_StandaloneTanh(4),
        new StaticNet_DenseNets_StandaloneGelu(5))) {
      // fc1 (5x4 + 5) + fc2 (3x5 + 3) + input (4x4)
      assertEquals(25 + 18 + 16, checkMse(m, true), m.getClass().getSimpleName());
    }
  }

  @Test
  void fusedActivations() {
    for (Model m : List.of(new StaticNet_DenseNets_FusedRelu(1), new StaticNet_DenseNets_FusedLeakyRelu(2),
        new StaticNet_DenseNets_FusedSigmoid(3), new StaticNet_DenseNets_FusedTanh(4),
        new StaticNet_DenseNets_FusedGelu(5))) {
      assertEquals(25 + 18 + 16, checkMse(m, true), m.getClass().getSimpleName());
    }
  }

  @Test
  void fusedAndStandaloneActivationsCompute() {
    // Same seed, same parameter layout: a fused activation must equal the standalone step.
    Model fused = new StaticNet_DenseNets_FusedGelu(9);
    Model standalone = new StaticNet_DenseNets_StandaloneGelu(9);
    float[] x = TestData.uniform(BATCH * 4, 3);
    assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), fused.parameters().names());
    org.junit.jupiter.api.Assertions.assertArrayEquals(standalone.predict(x, BATCH), fused.predict(x, BATCH));
  }

  @Test
  void softmaxWithNll() {
    checkLabels(new StaticNet_DenseNets_SoftmaxNll(6), 1, true);
  }

  @Test
  void logSoftmaxWithNll() {
    checkLabels(new StaticNet_DenseNets_LogSoftmaxNll(7), 1, true);
  }

  @Test
  void layerNormAffineOnSequences() {
    // proj (5x4 + 5) + norm (5 + 5) + head (2x15 + 2) + input (4x3x4)
    assertEquals(25 + 10 + 32 + 48, checkMse(new StaticNet_DenseNets_LayerNormAffine(8), true));
  }

  @Test
  void layerNormWithoutAffine() {
    checkMse(new StaticNet_DenseNets_LayerNormPlain(9), true);
  }

  @Test
  void batchNormTrainMode() {
    checkMse(new StaticNet_DenseNets_BatchNormAffine(10), true);
    checkMse(new StaticNet_DenseNets_BatchNormPlain(11), true);
  }

  @Test
  void batchNormEvalModeWithNonTrivialRunningStatistics() {
    StaticNet_DenseNets_BatchNormAffine m = new StaticNet_DenseNets_BatchNormAffine(12);
    m.parameters().set("bn.running_mean", new float[] {0.3f, -0.2f, 0.1f, 0.5f, -0.4f, 0f});
    m.parameters().set("bn.running_var", new float[] {0.5f, 2f, 1.5f, 0.8f, 1f, 3f});
    m.parameters().set("bn.weight", new float[] {1.2f, 0.7f, -0.5f, 1f, 0.9f, 1.1f});
    m.parameters().set("bn.bias", new float[] {0.1f, -0.1f, 0.2f, 0f, 0.3f, -0.2f});
    checkMse(m, false);
    checkMse(new StaticNet_DenseNets_BatchNormPlain(13), false);
  }

  @Test
  void batchNormOverImagesInBothModes() {
    StaticNet_DenseNets_BatchNormImage m = new StaticNet_DenseNets_BatchNormImage(30);
    checkMse(m, true);
    m.parameters().set("bn.running_mean", new float[] {0.2f, -0.3f});
    m.parameters().set("bn.running_var", new float[] {0.6f, 1.7f});
    m.parameters().set("bn.weight", new float[] {1.3f, -0.8f});
    checkMse(m, false);
    // Batch 1 trains: 9 values per channel.
    float[] x = TestData.uniform(18, 31);
    assertTrue(Float.isFinite(m.trainStep(x, new float[3], 1, dev.staticnet.Optimizer.sgd(0.1f))));
  }

  @Test
  void dropoutWithZeroProbabilityInTrainModeAndInEvalMode() {
    checkMse(new StaticNet_DenseNets_DropoutNone(14), true);
    checkMse(new StaticNet_DenseNets_DropoutHalf(15), false);
  }

  @Test
  void everyLoss() {
    checkLabels(new StaticNet_DenseNets_CrossEntropy(16), 1, true);
    checkLabels(new StaticNet_DenseNets_SequenceCrossEntropy(17), 3, true);
    checkMse(new StaticNet_DenseNets_FlattenLast(18), true);
    Model logits = new StaticNet_DenseNets_BceWithLogits(19);
    GradientCheck.check(logits, TestData.uniform(BATCH * 4, 20), null, TestData.probabilities(BATCH * 2, 21), BATCH,
        true);
    Model probs = new StaticNet_DenseNets_Bce(22);
    GradientCheck.check(probs, TestData.uniform(BATCH * 4, 23), null, TestData.probabilities(BATCH * 2, 24), BATCH,
        true);
  }

  @Test
  void residualNetworkWithRepeatAndShortcut() {
    Model m = new StaticNet_ResidualNets_ResidualMlp(25);
    int checked = checkLabels(m, 1, true);
    assertTrue(checked > m.parameterCount(), "every parameter and the input were checked");
    checkLabels(m, 1, false);
  }

  @Test
  void blocksInsideBlocks() {
    checkMse(new StaticNet_ResidualNets_Nested(29), true);
  }

  @Test
  void inputGradientIsOnlyComputedOnRequest() {
    // trainStep skips the first layer's input gradient; gradients() computes it.
    StaticNet_DenseNets_CrossEntropy m = new StaticNet_DenseNets_CrossEntropy(26);
    float[] x = TestData.uniform(BATCH * 4, 27);
    int[] y = TestData.labels(BATCH, 3, 28);
    ((GeneratedModel) m).gradients(x, y, null, BATCH, true);
    float[] first = ((GeneratedModel) m).inputGradient();
    m.trainStep(x, y, BATCH, dev.staticnet.Optimizer.sgd(0f));
    ((GeneratedModel) m).gradients(x, y, null, BATCH, true);
    org.junit.jupiter.api.Assertions.assertArrayEquals(first, ((GeneratedModel) m).inputGradient());
  }
}
