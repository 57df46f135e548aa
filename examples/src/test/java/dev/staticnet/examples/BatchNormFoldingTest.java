package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.GeneratedModel;
import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.Parameters;
import dev.staticnet.kernel.Conv2dKernel;
import dev.staticnet.kernel.ConvGeometry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm folding in {@code predict}: the folded convolution equals the unfolded eval pass within
 * 1e-5 relative (to the largest output magnitude, llm.c's check_tensor style), stays fresh after
 * every kind of parameter change, and really happens.
 */
class BatchNormFoldingTest {
  private static final double TOLERANCE = 1e-5;

  /** Gives every BatchNorm non-trivial running statistics and affine parameters (init is the identity). */
  private static void randomiseNorms(Model m, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Parameters p = m.parameters();
    for (String name : p.names()) {
      if (!name.endsWith(".running_var")) {
        continue;
      }
      String norm = name.substring(0, name.length() - ".running_var".length());
      int c = p.shape(name)[0];
      p.set(norm + ".running_mean", values(c, () -> r.nextDouble(-0.5, 0.5)));
      p.set(name, values(c, () -> r.nextDouble(0.3, 2.0)));
      if (p.names().contains(norm + ".weight")) {
        p.set(norm + ".weight", values(c, () -> r.nextDouble(-1.5, 1.5)));
        p.set(norm + ".bias", values(c, () -> r.nextDouble(-0.5, 0.5)));
      }
    }
  }

  private static float[] values(int n, java.util.function.DoubleSupplier next) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) next.getAsDouble();
    }
    return v;
  }

  private static float[] unfolded(Model m, float[] x, int batch) {
    GeneratedModel g = (GeneratedModel) m;
    g.setBatchNormFolding(false);
    try {
      return m.predict(x, batch);
    } finally {
      g.setBatchNormFolding(true);
    }
  }

  /** max |a − b| ≤ 1e-5 · max |b|, printed like llm.c's check_tensor. */
  private static void assertClose(float[] expected, float[] actual, String label) {
    assertEquals(expected.length, actual.length, label);
    double maxDiff = 0;
    double maxAbs = 0;
    for (int i = 0; i < expected.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
      maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
    }
    System.out.printf("%s: max |diff| %.3g, max |value| %.3g, relative %.3g%n", label, maxDiff, maxAbs,
        maxDiff / maxAbs);
    assertTrue(maxAbs > 0, label + ": an all-zero output checks nothing");
    assertTrue(maxDiff <= TOLERANCE * maxAbs, label + ": max |diff| " + maxDiff + " over max |value| " + maxAbs);
  }

  /** Randomises the norms, then compares folded and unfolded predictions at batch 1 and 5. */
  private static void checkFoldedEqualsUnfolded(Model m) {
    GeneratedModel g = (GeneratedModel) m;
    assertTrue(g.batchNormFolding(), m.getClass().getSimpleName() + " should fold");
    randomiseNorms(m, 7);
    for (int batch : new int[] {1, 5}) {
      float[] x = TestData.uniform(batch * m.inputShape().size(), 31 + batch);
      float[] folded = m.predict(x, batch);
      assertClose(unfolded(m, x, batch), folded, m.getClass().getSimpleName() + " batch " + batch);
    }
    assertTrue(g.foldRefreshes() >= 1);
  }

  @Test
  void convWithBiasThenBatchNorm() {
    checkFoldedEqualsUnfolded(new StaticNet_FoldingNets_ConvBn(1));
  }

  @Test
  void convWithoutBiasThenBatchNorm() {
    checkFoldedEqualsUnfolded(new StaticNet_FoldingNets_ConvNoBiasBn(2));
  }

  @Test
  void batchNormWithoutAffine() {
    checkFoldedEqualsUnfolded(new StaticNet_FoldingNets_BnNoAffine(3));
  }

  @Test
  void convBatchNormReluIncludingDepthwiseAndPointwise() {
    checkFoldedEqualsUnfolded(new StaticNet_FoldingNets_ConvBnRelu(4));
  }

  @Test
  void insideResidualBlocksWithAndWithoutShortcut() {
    checkFoldedEqualsUnfolded(new StaticNet_CnnNets_TinyResNet(5));
  }

  /** The folded predict against Conv2dKernel + BatchNorm computed here in double: no generated code involved. */
  @Test
  void foldedConvBatchNormMatchesAReferenceComputedByHand() {
    Model m = new StaticNet_FoldingNets_ConvBn(6);
    randomiseNorms(m, 8);
    Parameters p = m.parameters();
    int batch = 3;
    float[] x = TestData.uniform(batch * 3 * 6 * 5, 9);
    ConvGeometry g = new ConvGeometry(3, 6, 5, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1);
    float[] weight = p.get("conv.weight");
    float[] convParams = Arrays.copyOf(weight, weight.length + 4);
    System.arraycopy(p.get("conv.bias"), 0, convParams, weight.length, 4);
    float[] conv = new float[batch * g.outSize()];
    Conv2dKernel.forward(conv, x, convParams, 0, weight.length, g, batch);
    float[] mean = p.get("bn.running_mean");
    float[] var = p.get("bn.running_var");
    float[] gamma = p.get("bn.weight");
    float[] beta = p.get("bn.bias");
    float[] expected = new float[conv.length];
    int spatial = 6 * 5;
    for (int i = 0; i < conv.length; i++) {
      int c = i / spatial % 4;
      expected[i] = (float) ((conv[i] - mean[c]) / Math.sqrt(var[c] + 1e-5) * gamma[c] + beta[c]);
    }
    assertClose(expected, m.predict(x, batch), "ConvBn by hand");
  }

  @Test
  void foldedWeightsAreRecomputedAfterTrainingSteps() {
    Model m = new StaticNet_FoldingNets_ConvBnRelu(10);
    GeneratedModel g = (GeneratedModel) m;
    int batch = 4;
    float[] x = TestData.uniform(batch * m.inputShape().size(), 11);
    int[] labels = TestData.labels(batch, 3, 12);
    float[] before = m.predict(x, batch);
    long refreshes = g.foldRefreshes();
    Optimizer sgd = Optimizer.sgd(0.5f, 0.9f);
    for (int step = 0; step < 3; step++) {
      m.trainStep(x, labels, batch, sgd); // moves weights and running statistics
    }
    float[] after = m.predict(x, batch);
    assertEquals(refreshes + 1, g.foldRefreshes(), "one refresh for the first predict after training");
    assertFalse(Arrays.equals(before, after), "training changed the prediction (a stale fold would not)");
    assertClose(unfolded(m, x, batch), after, "after 3 SGD steps");
    m.predict(x, batch);
    assertEquals(refreshes + 1, g.foldRefreshes(), "nothing changed since: no refresh");
  }

  @Test
  void foldedWeightsAreRecomputedAfterParametersSetOfRunningVar() {
    Model m = new StaticNet_FoldingNets_ConvNoBiasBn(13);
    GeneratedModel g = (GeneratedModel) m;
    randomiseNorms(m, 14);
    float[] x = TestData.uniform(2 * m.inputShape().size(), 15);
    float[] before = m.predict(x, 2);
    long refreshes = g.foldRefreshes();
    float[] var = m.parameters().get("bn.running_var");
    for (int c = 0; c < var.length; c++) {
      var[c] *= 4; // halves every normalised value
    }
    m.parameters().set("bn.running_var", var);
    float[] after = m.predict(x, 2);
    assertEquals(refreshes + 1, g.foldRefreshes());
    assertFalse(Arrays.equals(before, after));
    assertClose(unfolded(m, x, 2), after, "after set(bn.running_var)");
  }

  @Test
  void evalModeLossAndTrainModeLossAlsoInvalidateTheFold() {
    Model m = new StaticNet_FoldingNets_ConvBn(16);
    GeneratedModel g = (GeneratedModel) m;
    float[] x = TestData.uniform(4 * m.inputShape().size(), 17);
    float[] y = TestData.uniform(4 * m.outputShape().size(), 18);
    m.predict(x, 4);
    long refreshes = g.foldRefreshes();
    g.loss(x, null, y, 4, false); // eval mode: nothing moves
    m.predict(x, 4);
    assertEquals(refreshes, g.foldRefreshes());
    g.loss(x, null, y, 4, true); // train mode: running statistics move
    float[] after = m.predict(x, 4);
    assertEquals(refreshes + 1, g.foldRefreshes());
    assertClose(unfolded(m, x, 4), after, "after a train-mode loss");
  }

  @Test
  void foldingHappensOnlyWhereItIsValidAndCanBeTurnedOff() {
    GeneratedModel notFoldable = new StaticNet_FoldingNets_NotFoldable(19);
    assertFalse(notFoldable.batchNormFolding(), "fused-activation conv and a conv read by a shortcut do not fold");
    notFoldable.predict(TestData.uniform(50, 20), 1);
    assertEquals(0, notFoldable.foldRefreshes());
    assertFalse(new StaticNet_FoldingNets_DenseBnRelu(21).batchNormFolding(), "no convolution");

    GeneratedModel resNet = new StaticNet_CnnNets_TinyResNet(22);
    assertTrue(resNet.batchNormFolding());
    resNet.setBatchNormFolding(false);
    assertFalse(resNet.batchNormFolding());
    resNet.predict(TestData.uniform(3 * 32 * 32, 23), 1);
    assertEquals(0, resNet.foldRefreshes(), "folding off: never folds");
  }

  /** Linear + BatchNorm1d + ReLU (the ReLU writes over the BatchNorm's output when predicting), by hand. */
  @Test
  void inPlaceReluAfterBatchNorm1dMatchesAReferenceComputedByHand() {
    Model m = new StaticNet_FoldingNets_DenseBnRelu(24);
    randomiseNorms(m, 25);
    Parameters p = m.parameters();
    int batch = 3;
    float[] x = TestData.uniform(batch * 5, 26);
    float[] w1 = p.get("fc1.weight");
    float[] b1 = p.get("fc1.bias");
    float[] mean = p.get("bn.running_mean");
    float[] var = p.get("bn.running_var");
    float[] gamma = p.get("bn.weight");
    float[] beta = p.get("bn.bias");
    float[] w2 = p.get("fc2.weight");
    float[] b2 = p.get("fc2.bias");
    float[] expected = new float[batch * 2];
    for (int n = 0; n < batch; n++) {
      double[] h = new double[4];
      for (int j = 0; j < 4; j++) {
        double z = b1[j];
        for (int i = 0; i < 5; i++) {
          z += w1[j * 5 + i] * x[n * 5 + i];
        }
        h[j] = Math.max(0, (z - mean[j]) / Math.sqrt(var[j] + 1e-5) * gamma[j] + beta[j]);
      }
      for (int k = 0; k < 2; k++) {
        double o = b2[k];
        for (int j = 0; j < 4; j++) {
          o += w2[k * 4 + j] * h[j];
        }
        expected[n * 2 + k] = (float) o;
      }
    }
    assertClose(expected, m.predict(x, batch), "DenseBnRelu by hand");
  }

  /** Many threads predicting right after a change all see the refreshed fold, computed once. */
  @Test
  void concurrentPredictAfterAChangeRefreshesOnce() throws Exception {
    Model m = new StaticNet_CnnNets_TinyResNet(27);
    GeneratedModel g = (GeneratedModel) m;
    randomiseNorms(m, 28);
    float[] x = TestData.uniform(2 * 3 * 32 * 32, 29);
    float[] expected = unfolded(m, x, 2);
    long refreshes = g.foldRefreshes();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        results.add(pool.submit(() -> m.predict(x, 2)));
      }
      for (Future<float[]> f : results) {
        assertClose(expected, f.get(60, TimeUnit.SECONDS), "concurrent predict");
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(refreshes + 1, g.foldRefreshes());
  }

  /** Refreshing the fold after every training step allocates nothing either (the fold is in place). */
  @Test
  void trainStepThenFoldedPredictDoesNotAllocateAfterWarmUp() {
    Model m = new StaticNet_FoldingNets_ConvBnRelu(30);
    GeneratedModel g = (GeneratedModel) m;
    int batch = 8;
    float[] x = TestData.uniform(batch * m.inputShape().size(), 31);
    int[] labels = TestData.labels(batch, 3, 32);
    float[] out = new float[batch * 3];
    Optimizer sgd = Optimizer.sgd(0.01f, 0.9f);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    // Warm up until C2 has compiled the Vector API code (interpreted, it boxes vectors): at most 2000 steps.
    for (int i = 0, quiet = 0; i < 2000 && quiet < 3; i++) {
      long start = threads.getCurrentThreadAllocatedBytes();
      m.trainStep(x, labels, batch, sgd);
      m.predict(x, batch, out);
      quiet = threads.getCurrentThreadAllocatedBytes() - start == 0 ? quiet + 1 : 0;
    }
    long refreshes = g.foldRefreshes();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100; i++) {
      m.trainStep(x, labels, batch, sgd);
      m.predict(x, batch, out);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(refreshes + 100, g.foldRefreshes(), "one refresh per step");
    assertTrue(allocated < 4096, "100 steps + folded predicts allocated " + allocated + " bytes");
  }

  /** Eval-mode gradients run the unfolded pass (its backward needs every slot), folded predicts or not. */
  @Test
  void evalModeGradientsStayUnfoldedAndCorrect() {
    Model m = new StaticNet_FoldingNets_ConvBnRelu(33);
    randomiseNorms(m, 34);
    int batch = 2;
    float[] x = TestData.uniform(batch * m.inputShape().size(), 35);
    m.predict(x, batch); // folds
    int checked = GradientCheck.check(m, x, TestData.labels(batch, 3, 36), null, batch, false);
    assertEquals(m.parameterCount() + (long) batch * m.inputShape().size(), checked);
  }
}
