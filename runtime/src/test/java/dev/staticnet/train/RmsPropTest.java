package dev.staticnet.train;

import static dev.staticnet.train.OptimizerTestSupport.START;
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

class RmsPropTest {
  /** torch.optim.RMSprop reference in double: v = a v + (1-a) g^2 ; b = mu b + g / (sqrt(v) + eps) ; w -= lr b. */
  private static double[] reference(double lr, double alpha, double eps, double wd, double mu, List<float[]> steps) {
    double[] w = START.clone();
    double[] v = new double[w.length];
    double[] b = new double[w.length];
    for (float[] grads : steps) {
      for (int i = 0; i < w.length; i++) {
        double g = grads[i] + wd * w[i];
        v[i] = alpha * v[i] + (1 - alpha) * g * g;
        b[i] = mu * b[i] + g / (Math.sqrt(v[i]) + eps);
        w[i] -= lr * b[i];
      }
    }
    return w;
  }

  private static void checkAgainstReference(Optimizer opt, double lr, double alpha, double eps, double wd, double mu) {
    float[] params = floats(START);
    float[] grads = new float[params.length];
    List<float[]> history = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      fillGrad(grads, params);
      history.add(grads.clone());
      opt.step(params, grads);
      assertClose(reference(lr, alpha, eps, wd, mu, history), params, 2e-6, "step " + (s + 1));
    }
  }

  @Test
  void firstStepHandComputed() {
    // v = 0.01 * 4 = 0.04, step = 0.01 * 2 / (0.2 + 1e-8) = 0.1 -> w = 0.9
    float[] w = {1f};
    Optimizer.rmsProp(0.01f).step(w, new float[] {2f});
    assertEquals(0.9f, w[0], 1e-6f);
  }

  @Test
  void matchesTheReference() {
    checkAgainstReference(Optimizer.rmsProp(0.01f), 0.01, 0.99f, 1e-8f, 0, 0);
    checkAgainstReference(RmsProp.builder(0.01f).alpha(0.9f).eps(1e-4f).build(), 0.01, 0.9f, 1e-4f, 0, 0);
    checkAgainstReference(RmsProp.builder(0.01f).weightDecay(0.05f).momentum(0.5f).build(),
        0.01, 0.99f, 1e-8f, 0.05f, 0.5f);
  }

  @Test
  void stateIsSizedOnTheFirstStep() {
    Optimizer opt = Optimizer.rmsProp(0.01f);
    opt.step(new float[2], new float[2]);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.step(new float[5], new float[5]));
    assertTrue(e.getMessage().contains("2") && e.getMessage().contains("5"), e.getMessage());
  }
}
