package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.Data.gaussian;
import static dev.staticnet.benchmarks.oracle.Data.slice;
import static dev.staticnet.benchmarks.oracle.TensorCheck.check;
import static dev.staticnet.benchmarks.oracle.TensorCheck.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.staticnet.Activation;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.kernel.Activations;
import dev.staticnet.kernel.Dense;
import dev.staticnet.kernel.LayerNormKernel;
import dev.staticnet.kernel.Losses;
import dev.staticnet.train.Rng;
import org.junit.jupiter.api.Test;

/**
 * Property test: random sizes (rows, features, hidden, classes) and activation drawn from a fixed seed; the
 * kernel chain Linear → act → LayerNorm → Linear → cross-entropy, forward and backward by hand out of the
 * runtime kernels, against the same chain in libtorch with autograd. Every parameter's gradient and the
 * input's are compared.
 */
class MlpPropertyOracleTest {
  static final int TRIALS = 12;
  static final double FWD = 1e-4;
  static final double GRAD = 1e-3;
  static final Activation[] ACTS = {Activation.RELU, Activation.GELU, Activation.TANH, Activation.LEAKY_RELU};

  @Test
  void randomMlpChainsMatchPyTorch() {
    Rng draw = new Rng(20261123);
    for (int trial = 0; trial < TRIALS; trial++) {
      int rows = 1 + draw.nextInt(40);
      int in = 1 + draw.nextInt(120);
      int hidden = 2 + draw.nextInt(150);
      int classes = 2 + draw.nextInt(15);
      Activation act = ACTS[draw.nextInt(ACTS.length)];
      runTrial("trial " + trial + " " + rows + "x" + in + "-" + hidden + "-" + classes + " " + act,
          new Rng(trial), rows, in, hidden, classes, act);
    }
  }

  private static void runTrial(String name, Rng rng, int rows, int in, int hidden, int classes, Activation act) {
    float slope = 0.01f;
    float eps = 1e-5f;
    // params: fc1.weight (hidden,in), fc1.bias, ln.weight, ln.bias, fc2.weight (classes,hidden), fc2.bias
    int w1 = 0;
    int b1 = w1 + hidden * in;
    int lw = b1 + hidden;
    int lb = lw + hidden;
    int w2 = lb + hidden;
    int b2 = w2 + classes * hidden;
    int size = b2 + classes;
    float[] params = gaussian(rng, size, 1 / Math.sqrt(Math.max(in, hidden)));
    for (int i = 0; i < hidden; i++) {
      params[lw + i] += 1; // LayerNorm weight near 1
    }
    float[] x = gaussian(rng, rows * in, 1);
    int[] labels = Data.labels(rng, rows, classes);

    // forward: h1 = fc1(x) (rows,hidden) ; a = act(h1) ; n = ln(a) ; logits = fc2(n) (rows,classes)
    float[] h1 = new float[rows * hidden];
    float[] a = new float[rows * hidden];
    float[] n = new float[rows * hidden];
    float[] mean = new float[rows];
    float[] rstd = new float[rows];
    float[] logits = new float[rows * classes];
    Dense.forward(h1, x, params, w1, b1, rows, in, hidden);
    Activations.forward(act, a, h1, rows * hidden, slope);
    LayerNormKernel.forward(n, mean, rstd, a, params, lw, lb, rows, hidden, eps);
    Dense.forward(logits, n, params, w2, b2, rows, hidden, classes);
    float[] dlogits = new float[rows * classes];
    float loss = Losses.crossEntropy(dlogits, logits, labels, rows, classes);
    // backward
    float[] dparams = new float[size];
    float[] dn = new float[rows * hidden];
    float[] da = new float[rows * hidden];
    float[] dh1 = new float[rows * hidden];
    float[] dx = new float[rows * in];
    Dense.backward(dn, dparams, dlogits, n, params, w2, b2, rows, hidden, classes);
    LayerNormKernel.backward(da, dparams, dn, a, mean, rstd, params, lw, lb, rows, hidden);
    Activations.backward(act, dh1, da, h1, a, rows * hidden, slope);
    Dense.backward(dx, dparams, dh1, x, params, w1, b1, rows, in, hidden);

    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(x, rows, in);
      NDArray tw1 = t.parameter(slice(params, w1, hidden * in), hidden, in);
      NDArray tb1 = t.parameter(slice(params, b1, hidden), hidden);
      NDArray tlw = t.parameter(slice(params, lw, hidden), hidden);
      NDArray tlb = t.parameter(slice(params, lb, hidden), hidden);
      NDArray tw2 = t.parameter(slice(params, w2, classes * hidden), classes, hidden);
      NDArray tb2 = t.parameter(slice(params, b2, classes), classes);
      NDArray th = Torch.linear(tx, tw1, tb1);
      NDArray ta = switch (act) {
        case RELU -> th.getNDArrayInternal().relu();
        case GELU -> Torch.gelu(th);
        case TANH -> th.getNDArrayInternal().tanh();
        case LEAKY_RELU -> Torch.leakyRelu(th, slope);
        default -> throw new IllegalArgumentException("not drawn: " + act);
      };
      NDArray tlogits = Torch.linear(Torch.layerNorm(ta, hidden, tlw, tlb, eps), tw2, tb2);
      NDArray tloss = Torch.crossEntropy(tlogits, t.labels(labels));
      tape.backward(tloss);
      check(name + " logits", Torch.read(tlogits), logits, FWD);
      check(name + " loss", Torch.read(tloss), scalar(loss), FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
      check(name + " fc1.weight", Torch.grad(tw1), slice(dparams, w1, hidden * in), GRAD);
      check(name + " fc1.bias", Torch.grad(tb1), slice(dparams, b1, hidden), GRAD);
      check(name + " ln.weight", Torch.grad(tlw), slice(dparams, lw, hidden), GRAD);
      check(name + " ln.bias", Torch.grad(tlb), slice(dparams, lb, hidden), GRAD);
      check(name + " fc2.weight", Torch.grad(tw2), slice(dparams, w2, classes * hidden), GRAD);
      check(name + " fc2.bias", Torch.grad(tb2), slice(dparams, b2, classes), GRAD);
    }
  }
}
