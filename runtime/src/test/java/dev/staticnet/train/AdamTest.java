package dev.staticnet.train;

import static dev.staticnet.train.OptimizerTestSupport.START;
import static dev.staticnet.train.OptimizerTestSupport.allocatedBytes;
import static dev.staticnet.train.OptimizerTestSupport.assertClose;
import static dev.staticnet.train.OptimizerTestSupport.fillGrad;
import static dev.staticnet.train.OptimizerTestSupport.floats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
  private static final int STEPS = 6;

  /**
   * torch.optim.Adam / AdamW reference in double (PyTorch docs' algorithm):
   * AdamW: w *= 1 - lr*dwd ; Adam: g += wd*w ; m = b1 m + (1-b1) g ; v = b2 v + (1-b2) g^2 ;
   * m^ = m / (1 - b1^t) ; v^ = v / (1 - b2^t) ; w -= lr m^ / (sqrt(v^) + eps).
   */
  private static double[] reference(double lr, double b1, double b2, double eps, double wd, double dwd,
      List<float[]> gradsPerStep) {
    double[] w = START.clone();
    double[] m = new double[w.length];
    double[] v = new double[w.length];
    int t = 0;
    for (float[] grads : gradsPerStep) {
      t++;
      for (int i = 0; i < w.length; i++) {
        w[i] *= 1 - lr * dwd;
        double g = grads[i] + wd * w[i];
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        double mHat = m[i] / (1 - Math.pow(b1, t));
        double vHat = v[i] / (1 - Math.pow(b2, t));
        w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
      }
    }
    return w;
  }

  private static void checkAgainstReference(Optimizer opt, double lr, double b1, double b2, double eps, double wd,
      double dwd) {
    float[] params = floats(START);
    float[] grads = new float[params.length];
    List<float[]> history = new ArrayList<>();
    for (int s = 0; s < STEPS; s++) {
      fillGrad(grads, params);
      history.add(grads.clone());
      opt.step(params, grads);
      assertClose(reference(lr, b1, b2, eps, wd, dwd, history), params, 2e-6, "step " + (s + 1));
    }
  }

  @Test
  void firstStepMovesEachWeightByLr() {
    // t = 1: m^ = g, v^ = g^2, so the step is lr * g / (|g| + eps) = lr * sign(g) (up to eps)
    float[] w = {1f, 1f, 1f};
    Optimizer.adam(0.1f).step(w, new float[] {0.5f, -3f, 1e-3f});
    assertEquals(0.9f, w[0], 1e-6f);
    assertEquals(1.1f, w[1], 1e-6f);
    assertEquals(0.9f, w[2], 1e-5f);
  }

  @Test
  void secondStepHandComputed() {
    // g1 = 1, g2 = 0.5, lr 0.1, betas (0.9, 0.999):
    // m2 = 0.09 + 0.05 = 0.14, m^ = 0.14 / 0.19 ; v2 = 0.000999 + 0.00025 = 0.001249, v^ = 0.001249 / 0.001999
    // w2 = 1 - 0.1 - 0.1 * (0.14 / 0.19) / sqrt(0.001249 / 0.001999) = 0.8 - 0.0932172... = 0.806784...
    Optimizer opt = Optimizer.adam(0.1f);
    float[] w = {1f};
    opt.step(w, new float[] {1f});
    opt.step(w, new float[] {0.5f});
    double expected = 0.9 - 0.1 * (0.14 / 0.19) / (Math.sqrt(0.001249 / 0.001999) + 1e-8);
    assertEquals(expected, w[0], 1e-6);
    assertEquals(0.80678, w[0], 1e-5);
  }

  @Test
  void matchesTheReferenceOverSeveralSteps() {
    checkAgainstReference(Optimizer.adam(0.01f), 0.01, 0.9, 0.999, 1e-8, 0, 0);
    checkAgainstReference(Adam.builder(0.05f).betas(0.8f, 0.99f).eps(1e-3f).build(), 0.05, 0.8f, 0.99f, 1e-3f, 0, 0);
  }

  @Test
  void l2WeightDecayEntersTheMoments() {
    checkAgainstReference(Adam.builder(0.01f).weightDecay(0.1f).build(), 0.01, 0.9, 0.999, 1e-8, 0.1f, 0);
  }

  @Test
  void adamWDecaysBeforeTheStep() {
    // one step, g = 0: the Adam part is 0 / (0 + eps) = 0, so only the decay acts: w = 2 * (1 - 0.1 * 0.5) = 1.9
    float[] w = {2f};
    Optimizer.adamW(0.1f, 0.5f).step(w, new float[] {0f});
    assertEquals(1.9f, w[0], 1e-6f);
    checkAgainstReference(Optimizer.adamW(0.01f, 0.1f), 0.01, 0.9, 0.999, 1e-8, 0, 0.1f);
  }

  @Test
  void stateIsSizedOnTheFirstStep() {
    Optimizer opt = Optimizer.adam(1e-3f);
    opt.step(new float[7], new float[7]);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.step(new float[9], new float[9]));
    assertTrue(e.getMessage().contains("7") && e.getMessage().contains("9"), e.getMessage());
  }

  @Test
  void badHyperParametersAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(1e-3f).betas(0.9f, 1f));
    assertTrue(e.getMessage().contains("beta2") && e.getMessage().contains("1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Adam.builder(1e-3f).weightDecay(0.1f).decoupledWeightDecay(0.1f).build());
    assertTrue(e.getMessage().contains("not both"), e.getMessage());
  }

  @Test
  void noAllocationPerStep() {
    Optimizer opt = Optimizer.adamW(1e-3f, 0.01f);
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
