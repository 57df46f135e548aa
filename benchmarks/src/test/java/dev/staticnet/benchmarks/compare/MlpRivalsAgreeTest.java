package dev.staticnet.benchmarks.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Optimizer;
import dev.staticnet.train.Rng;
import org.junit.jupiter.api.Test;

/**
 * The two sides of the MLP benchmark rows compute the same thing: from the same weights and batch, three SGD
 * steps give the same losses, the same weights and the same predictions (so the speed comparison is fair).
 */
class MlpRivalsAgreeTest {

  @Test
  void sameLossesWeightsAndPredictions() {
    int batch = 8;
    Rng rng = new Rng(1);
    float[] x = new float[batch * HandWrittenMlp.IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = rng.nextInt(HandWrittenMlp.OUT);
    }
    Net net = Rows.staticNetMlp();
    Optimizer sgd = Optimizer.sgd(0.1f);
    try (TorchMlp torch = new TorchMlp(net.parameters(), 0.1f)) {
      NDArray tl = torch.labels(labels);
      for (int step = 0; step < 3; step++) {
        float expected = torch.trainStep(x, tl, batch);
        float actual = net.trainStep(x, labels, batch, sgd);
        System.out.printf("step %d loss: PyTorch %.7f StaticNet %.7f%n", step, expected, actual);
        assertEquals(expected, actual, 1e-4 * Math.abs(expected), "loss at step " + step);
      }
      assertTrue(maxRelDiff(torch.get("fc2.weight"), net.parameters().get("fc2.weight")) < 1e-4);
      assertTrue(maxRelDiff(torch.get("fc1.bias"), net.parameters().get("fc1.bias")) < 1e-4);
      float[] expected = new float[batch * HandWrittenMlp.OUT];
      float[] actual = new float[batch * HandWrittenMlp.OUT];
      torch.predict(x, batch, expected);
      net.predict(x, batch, actual);
      assertTrue(maxRelDiff(expected, actual) < 1e-4, "predictions");
    }
  }

  /** max |a − e| / max |e| (differences in the weights' update are tiny next to the weights). */
  private static double maxRelDiff(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
    }
    System.out.printf("max abs %.3e, scale %.3e%n", diff, scale);
    return diff / scale;
  }
}
