package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossesTest {
  @Test
  void bceWithLogitsGradientAtTwoIsSigmoidMinusOne() {
    // seed quiz: z = 2, y = 1 → d/dz = σ(2) − 1
    float[] dx = new float[1];
    float loss = Losses.bceWithLogits(dx, new float[] {2f}, new float[] {1f}, 1);
    double sigma = 1 / (1 + Math.exp(-2));
    assertEquals(sigma - 1, dx[0], 1e-7);
    assertEquals(-Math.log(sigma), loss, 1e-7);
  }

  @Test
  void crossEntropyIsFiniteAndCorrectAtHugeLogits() {
    float[] logits = {1e4f, -1e4f, 0f, -1e4f, 1e4f, 1e4f};
    float[] d = new float[6];
    float loss = Losses.crossEntropy(d, logits, new int[] {1, 0}, 2, 3);
    // row 0: logsumexp = 1e4, minus logit −1e4 → 2e4 ; row 1: logsumexp = 1e4 + ln 2, minus −1e4 → 2e4 + ln 2
    assertEquals((2e4 + 2e4 + Math.log(2)) / 2, loss, 1e-2);
    assertTrue(Float.isFinite(loss));
    assertEquals(0.5f, d[0], 1e-7f);   // (softmax 1 − 0)/2
    assertEquals(-0.5f, d[1], 1e-7f);  // (0 − 1)/2
    assertEquals(-0.5f, d[3], 1e-7f);
    assertEquals(0.25f, d[4], 1e-7f);
    for (float g : d) {
      assertTrue(Float.isFinite(g));
    }
    float small = Losses.crossEntropy(null, new float[] {1f, 2f, 3f}, new int[] {2}, 1, 3);
    assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3, small, 1e-6);
  }

  @Test
  void labelOutOfRangeIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Losses.crossEntropy(null, new float[4], new int[] {0, 2}, 2, 2));
    assertTrue(e.getMessage().contains("label of row 1 must be a class index in [0, 2), got 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Losses.nll(null, new float[2], new int[] {-1}, 1, 2));
  }

  @Test
  void bceClampsLogAtMinus100() {
    float loss = Losses.bce(null, new float[] {0f, 1f}, new float[] {1f, 1f}, 2);
    assertEquals(50f, loss, 1e-5f);
  }

  @Test
  void everyLossGradientMatchesFiniteDifferences() {
    Random rnd = new Random(9);
    int rows = 4;
    int classes = 5;
    int[] labels = {0, 3, 4, 1};
    float[] logits = GradCheck.random(rnd, rows * classes, -3, 3);
    float[] d = new float[rows * classes];
    Losses.crossEntropy(d, logits, labels, rows, classes);
    GradCheck.check("crossEntropy", logits, () -> Losses.crossEntropy(null, logits, labels, rows, classes), d,
        1e-2f, 1e-3);

    float[] logp = GradCheck.random(rnd, rows * classes, -3, -0.1);
    d = new float[rows * classes];
    Losses.nll(d, logp, labels, rows, classes);
    GradCheck.check("nll", logp, () -> Losses.nll(null, logp, labels, rows, classes), d, 1e-2f, 1e-3);

    int n = 12;
    float[] targets = GradCheck.random(rnd, n, 0, 1);
    float[] z = GradCheck.random(rnd, n, -4, 4);
    d = new float[n];
    Losses.bceWithLogits(d, z, targets, n);
    GradCheck.check("bceWithLogits", z, () -> Losses.bceWithLogits(null, z, targets, n), d, 1e-2f, 1e-3);

    float[] p = GradCheck.random(rnd, n, 0.05, 0.95);
    d = new float[n];
    Losses.bce(d, p, targets, n);
    GradCheck.check("bce", p, () -> Losses.bce(null, p, targets, n), d, 1e-3f, 2e-3);

    float[] x = GradCheck.random(rnd, n, -2, 2);
    d = new float[n];
    Losses.mse(d, x, targets, n);
    GradCheck.check("mse", x, () -> Losses.mse(null, x, targets, n), d, 1e-2f, 1e-3);
  }
}
