package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.Data.gaussian;
import static dev.staticnet.benchmarks.oracle.TensorCheck.check;
import static dev.staticnet.benchmarks.oracle.TensorCheck.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.kernel.Losses;
import dev.staticnet.train.Rng;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/** Each {@link Losses} kernel: the mean loss (≤ 1e-4) and d(loss)/d(input) (≤ 1e-3) against libtorch. */
class LossOracleTest {
  static final double FWD = 1e-4;
  static final double GRAD = 1e-3;

  @Test
  void crossEntropyAndNll() {
    int rows = 33;
    int classes = 10;
    Rng rng = new Rng(3);
    float[] logits = gaussian(rng, rows * classes, 3);
    int[] labels = Data.labels(rng, rows, classes);
    float[] dlogits = new float[rows * classes];
    float loss = Losses.crossEntropy(dlogits, logits, labels, rows, classes);

    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(logits, rows, classes);
      NDArray tl = Torch.crossEntropy(tx, t.labels(labels));
      tape.backward(tl);
      check("cross_entropy loss", Torch.read(tl), scalar(loss), FWD);
      check("cross_entropy dlogits", Torch.grad(tx), dlogits, GRAD);
    }
    try (Torch t = Torch.open()) {
      float[] logp = Torch.read(Torch.logSoftmax(t.tensor(logits, rows, classes)));
      float[] dlogp = new float[rows * classes];
      float nll = Losses.nll(dlogp, logp, labels, rows, classes);
      try (GradientCollector tape2 = Torch.gradients()) {
        NDArray tp = t.parameter(logp, rows, classes);
        NDArray tn = Torch.nll(tp, t.labels(labels));
        tape2.backward(tn);
        check("nll loss", Torch.read(tn), scalar(nll), FWD);
        check("nll dlogp", Torch.grad(tp), dlogp, GRAD);
      }
    }
  }

  @Test
  void bceWithLogits() {
    Rng rng = new Rng(4);
    int n = 257;
    float[] x = gaussian(rng, n, 4);
    x[0] = 40; // saturated logits: the stable form must not overflow
    x[1] = -40;
    float[] y = Data.uniform(rng, n, 0, 1);
    float[] dx = new float[n];
    float loss = Losses.bceWithLogits(dx, x, y, n);
    checkBinary("bce_with_logits", x, y, loss, dx, Torch::bceWithLogits);
  }

  @Test
  void bceOnProbabilities() {
    Rng rng = new Rng(6);
    int n = 129;
    float[] p = Data.uniform(rng, n, 0.02f, 0.98f);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(2);
    }
    float[] dp = new float[n];
    float loss = Losses.bce(dp, p, y, n);
    checkBinary("bce", p, y, loss, dp, Torch::bce);
  }

  @Test
  void mse() {
    Rng rng = new Rng(8);
    int n = 300;
    float[] x = gaussian(rng, n, 2);
    float[] y = gaussian(rng, n, 2);
    float[] dx = new float[n];
    float loss = Losses.mse(dx, x, y, n);
    checkBinary("mse", x, y, loss, dx, Torch::mse);
  }

  private static void checkBinary(String name, float[] x, float[] y, float loss, float[] dx,
      BinaryOperator<NDArray> torchLoss) {
    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(x, x.length);
      NDArray tl = torchLoss.apply(tx, t.tensor(y, y.length));
      tape.backward(tl);
      check(name + " loss", Torch.read(tl), scalar(loss), FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
    }
  }
}
