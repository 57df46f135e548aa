package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Activation;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.Optimizer;
import org.junit.jupiter.api.Test;

/** Tiny training runs whose loss must fall below real thresholds. */
class TrainingTest {
  @Network(input = {2}, loss = Loss.CROSS_ENTROPY, params = 42)
  interface Xor extends Model {
    @Linear(out = 8, activation = Activation.TANH) Layer hidden();
    @Linear(out = 2) Layer out();
  }

  private static final float[] XOR_X = {0, 0, 0, 1, 1, 0, 1, 1};
  private static final int[] XOR_Y = {0, 1, 1, 0};

  @Test
  void learnsXor() {
    Model m = new StaticNet_TrainingTest_Xor(7);
    Optimizer adam = Optimizer.adam(0.05f);
    float first = m.trainStep(XOR_X, XOR_Y, 4, adam);
    float last = first;
    for (int step = 0; step < 400; step++) {
      last = m.trainStep(XOR_X, XOR_Y, 4, adam);
    }
    assertTrue(first > 0.5f, "starts near log 2: " + first);
    assertTrue(last < 0.05f, "XOR loss after 400 Adam steps: " + last);
    float[] logits = m.predict(XOR_X, 4);
    for (int i = 0; i < 4; i++) {
      int predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
      assertEquals(XOR_Y[i], predicted, "sample " + i);
    }
  }

  @Test
  void residualNetworkWithBatchNormFitsTwoClusters() {
    // Two Gaussian-ish clusters in 4-D, three classes by the sign pattern of the first two axes.
    int n = 32;
    float[] x = TestData.uniform(n * 4, 5);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[4 * i] > 0 ? (x[4 * i + 1] > 0 ? 2 : 1) : 0;
    }
    Model m = new StaticNet_ResidualNets_ResidualMlp(11);
    Optimizer sgd = Optimizer.sgd(0.1f, 0.9f);
    float first = m.trainStep(x, y, n, sgd);
    float last = first;
    for (int step = 0; step < 300; step++) {
      last = m.trainStep(x, y, n, sgd);
    }
    assertTrue(last < 0.25f * first, "loss fell from " + first + " to " + last);
    float[] logits = m.predict(x, n);
    int correct = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int k = 1; k < 3; k++) {
        if (logits[3 * i + k] > logits[3 * i + best]) {
          best = k;
        }
      }
      correct += best == y[i] ? 1 : 0;
    }
    assertTrue(correct >= 30, "eval-mode accuracy on the training set: " + correct + "/" + n);
  }
}
