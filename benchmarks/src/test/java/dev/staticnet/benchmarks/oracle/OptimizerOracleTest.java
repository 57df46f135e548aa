package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.TensorCheck.check;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Optimizer;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.train.Adam;
import dev.staticnet.train.Rng;
import dev.staticnet.train.Sgd;
import org.junit.jupiter.api.Test;

/**
 * Three steps of each optimiser against torch.optim's update rule, evaluated by libtorch in float32.
 *
 * <p>DJL's own {@code Optimizer.sgd()/adam()} follow DJL's (MXNet-derived) update conventions, not
 * torch.optim's code path, so the reference below writes torch.optim's single-tensor update
 * ({@code torch/optim/sgd.py}, {@code adam.py}, {@code adamw.py} of 2.5) as tensor ops, step by step.
 */
class OptimizerOracleTest {
  private static final int N = 1000;
  private static final int STEPS = 3;
  private static final double TOL = 1e-5;

  @Test
  void sgdMomentum() {
    float lr = 0.05f;
    float mu = 0.9f;
    float wd = 1e-3f;
    run("SGD(momentum=0.9, wd=1e-3)", Sgd.builder(lr).momentum(mu).weightDecay(wd).build(),
        (p, g, state, step) -> {
          // d_p = g + wd·p ; buf = d_p (step 1) else mu·buf + d_p ; p -= lr·buf
          NDArray dp = g.add(p.mul(wd));
          NDArray buf = step == 1 ? dp : state[0].mul(mu).add(dp);
          state[0] = buf;
          return p.sub(buf.mul(lr));
        });
  }

  @Test
  void sgdNesterov() {
    float lr = 0.05f;
    float mu = 0.9f;
    run("SGD(momentum=0.9, nesterov)", Sgd.builder(lr).momentum(mu).nesterov(true).build(),
        (p, g, state, step) -> {
          NDArray buf = step == 1 ? g : state[0].mul(mu).add(g);
          state[0] = buf;
          return p.sub(g.add(buf.mul(mu)).mul(lr)); // d_p = g + mu·buf
        });
  }

  @Test
  void adam() {
    run("Adam(lr=1e-3)", Optimizer.adam(1e-3f), adamRule(1e-3f, 0f));
  }

  @Test
  void adamW() {
    run("AdamW(lr=1e-3, wd=0.01)", Optimizer.adamW(1e-3f, 0.01f), adamRule(1e-3f, 0.01f));
  }

  /** torch.optim.Adam/AdamW single-tensor update; decoupled weight decay {@code wd} (0 for Adam). */
  private static Rule adamRule(float lr, float wd) {
    float b1 = 0.9f;
    float b2 = 0.999f;
    float eps = 1e-8f;
    return (p, g, state, step) -> {
      NDArray w = wd == 0 ? p : p.mul(1 - lr * wd); // AdamW: param.mul_(1 - lr·wd)
      NDArray m = step == 1 ? g.mul(1 - b1) : state[0].add(g.sub(state[0]).mul(1 - b1)); // lerp_
      NDArray v = step == 1 ? g.mul(g).mul(1 - b2) : state[1].mul(b2).add(g.mul(g).mul(1 - b2));
      state[0] = m;
      state[1] = v;
      double bc1 = 1 - Math.pow(b1, step); // Python floats: double
      double bc2 = 1 - Math.pow(b2, step);
      NDArray denom = v.sqrt().div((float) Math.sqrt(bc2)).add(eps);
      return w.sub(m.div(denom).mul((float) (lr / bc1)));
    };
  }

  /** One reference update: returns the new parameters; {@code state} carries buffers between steps. */
  @FunctionalInterface
  interface Rule {
    NDArray apply(NDArray p, NDArray g, NDArray[] state, int step);
  }

  private static void run(String name, Optimizer optimizer, Rule rule) {
    Rng rng = new Rng(11);
    float[] params = gaussian(rng, N, 1);
    try (Torch t = Torch.open()) {
      NDArray p = t.tensor(params, N);
      NDArray[] state = new NDArray[2];
      for (int step = 1; step <= STEPS; step++) {
        float[] grads = gaussian(rng, N, 0.1 * step);
        optimizer.step(params, grads);
        p = rule.apply(p, t.tensor(grads, N), state, step);
        check(name + " step " + step, Torch.read(p), params, TOL);
      }
    }
  }

  private static float[] gaussian(Rng rng, int n, double std) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (std * rng.nextGaussian());
    }
    return a;
  }
}
