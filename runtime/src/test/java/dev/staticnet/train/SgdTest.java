package dev.staticnet.train;

import static dev.staticnet.train.OptimizerTestSupport.START;
import static dev.staticnet.train.OptimizerTestSupport.allocatedBytes;
import static dev.staticnet.train.OptimizerTestSupport.assertClose;
import static dev.staticnet.train.OptimizerTestSupport.fillGrad;
import static dev.staticnet.train.OptimizerTestSupport.floats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Optimizer;
import org.junit.jupiter.api.Test;

class SgdTest {
  private static final int STEPS = 5;

  /** torch.optim.SGD reference in double: g += wd*w; v = mu*v + g; d = nesterov ? g + mu*v : v; w -= lr*d. */
  private static double[] reference(double lr, double mu, boolean nesterov, double wd, float[][] gradsPerStep) {
    double[] w = START.clone();
    double[] v = new double[w.length];
    for (float[] grads : gradsPerStep) {
      for (int i = 0; i < w.length; i++) {
        double g = grads[i] + wd * w[i];
        v[i] = mu * v[i] + g;
        double d = mu == 0 ? g : nesterov ? g + mu * v[i] : v[i];
        w[i] -= lr * d;
      }
    }
    return w;
  }

  /** Runs the optimiser on the toy problem and checks against the double reference each step. */
  private static void checkAgainstReference(Optimizer opt, double lr, double mu, boolean nesterov, double wd) {
    float[] params = floats(START);
    float[] grads = new float[params.length];
    float[][] history = new float[STEPS][];
    for (int s = 0; s < STEPS; s++) {
      fillGrad(grads, params);
      history[s] = grads.clone();
      opt.step(params, grads);
      float[][] sofar = java.util.Arrays.copyOf(history, s + 1);
      assertClose(reference(lr, mu, nesterov, wd, sofar), params, 1e-6, "step " + (s + 1));
    }
  }

  @Test
  void plainSgdIsWMinusLrG() {
    float[] w = {1f, -2f};
    Optimizer.sgd(0.1f).step(w, new float[] {0.5f, -1f});
    assertArrayEquals(new float[] {0.95f, -1.9f}, w, 1e-7f);
    checkAgainstReference(Optimizer.sgd(0.05f), 0.05, 0, false, 0);
  }

  @Test
  void momentumHandComputed() {
    // w = 1, g = 1 each step, lr 0.1, mu 0.9: v1 = 1 -> w = 0.9; v2 = 1.9 -> w = 0.71; v3 = 2.71 -> w = 0.439
    Optimizer opt = Optimizer.sgd(0.1f, 0.9f);
    float[] w = {1f};
    float[] g = {1f};
    opt.step(w, g);
    assertEquals(0.9f, w[0], 1e-6f);
    opt.step(w, g);
    assertEquals(0.71f, w[0], 1e-6f);
    opt.step(w, g);
    assertEquals(0.439f, w[0], 1e-6f);
    checkAgainstReference(Optimizer.sgd(0.05f, 0.9f), 0.05, 0.9, false, 0);
  }

  @Test
  void nesterovHandComputed() {
    // step 1: v = 1, d = 1 + 0.9 * 1 = 1.9 -> w = 0.81 ; step 2: v = 1.9, d = 1 + 1.71 = 2.71 -> w = 0.539
    Optimizer opt = Sgd.builder(0.1f).momentum(0.9f).nesterov(true).build();
    float[] w = {1f};
    float[] g = {1f};
    opt.step(w, g);
    assertEquals(0.81f, w[0], 1e-6f);
    opt.step(w, g);
    assertEquals(0.539f, w[0], 1e-6f);
    checkAgainstReference(Sgd.builder(0.05f).momentum(0.8f).nesterov(true).build(), 0.05, 0.8, true, 0);
  }

  @Test
  void weightDecayIsAddedToTheGradient() {
    // g = 0.5 + 0.1 * 2 = 0.7 -> w = 2 - 0.1 * 0.7 = 1.93 ; the gradient array is not modified
    float[] w = {2f};
    float[] g = {0.5f};
    Sgd.builder(0.1f).weightDecay(0.1f).build().step(w, g);
    assertEquals(1.93f, w[0], 1e-6f);
    assertEquals(0.5f, g[0]);
    checkAgainstReference(Sgd.builder(0.05f).weightDecay(0.01f).build(), 0.05, 0, false, 0.01);
    checkAgainstReference(Sgd.builder(0.05f).momentum(0.9f).nesterov(true).weightDecay(0.02f).build(),
        0.05, 0.9, true, 0.02);
  }

  @Test
  void learningRateCanChangeBetweenSteps() {
    Optimizer opt = Optimizer.sgd(0.1f);
    float[] w = {1f};
    opt.setLearningRate(0.5f);
    assertEquals(0.5f, opt.learningRate());
    opt.step(w, new float[] {1f});
    assertEquals(0.5f, w[0], 1e-7f);
  }

  @Test
  void stateIsSizedOnTheFirstStep() {
    Optimizer opt = Optimizer.sgd(0.1f, 0.9f);
    opt.step(new float[4], new float[4]);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.step(new float[3], new float[3]));
    assertTrue(e.getMessage().contains("4") && e.getMessage().contains("3"), e.getMessage());
    IllegalArgumentException mismatch =
        assertThrows(IllegalArgumentException.class, () -> opt.step(new float[4], new float[5]));
    assertTrue(mismatch.getMessage().contains("4") && mismatch.getMessage().contains("5"), mismatch.getMessage());
  }

  @Test
  void badHyperParametersAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(-1f));
    assertTrue(e.getMessage().contains("lr") && e.getMessage().contains("-1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Sgd.builder(0.1f).nesterov(true).build());
    assertTrue(e.getMessage().contains("Nesterov"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sgd.builder(0.1f).momentum(Float.NaN));
  }

  @Test
  void noAllocationPerStep() {
    Optimizer opt = Sgd.builder(0.01f).momentum(0.9f).nesterov(true).weightDecay(1e-4f).build();
    float[] w = new float[10_000];
    float[] g = new float[10_000];
    java.util.Arrays.fill(g, 0.01f);
    for (int i = 0; i < 200; i++) {
      opt.step(w, g);
    }
    long before = allocatedBytes();
    for (int i = 0; i < 1000; i++) {
      opt.step(w, g);
    }
    long allocated = allocatedBytes() - before;
    assertTrue(allocated < 4096, "1000 steps allocated " + allocated + " bytes");
  }
}
