package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.Data.gaussian;
import static dev.staticnet.benchmarks.oracle.TensorCheck.check;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.staticnet.Activation;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.kernel.Activations;
import dev.staticnet.kernel.LogSoftmax;
import dev.staticnet.kernel.Softmax;
import dev.staticnet.train.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Activations} (exact GELU included), {@link Softmax} and {@link LogSoftmax} against libtorch. */
class ActivationSoftmaxOracleTest {
  static final double FWD = 1e-4;
  static final double GRAD = 1e-3;
  static final float SLOPE = 0.02f;

  @ParameterizedTest
  @EnumSource(Activation.class)
  void activationForwardAndBackward(Activation kind) {
    int n = 4099;
    Rng rng = new Rng(kind.ordinal() + 1);
    float[] x = gaussian(rng, n, 3);
    float[] dy = gaussian(rng, n, 1);
    float[] y = new float[n];
    Activations.forward(kind, y, x, n, SLOPE);
    float[] dx = new float[n];
    Activations.backward(kind, dx, dy, x, y, n, SLOPE);

    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(x, n);
      NDArray ty = switch (kind) {
        case NONE -> tx.mul(1f);
        case RELU -> tx.getNDArrayInternal().relu();
        case LEAKY_RELU -> Torch.leakyRelu(tx, SLOPE);
        case SIGMOID -> tx.getNDArrayInternal().sigmoid();
        case TANH -> tx.getNDArrayInternal().tanh();
        case GELU -> Torch.gelu(tx);
      };
      tape.backward(ty.mul(t.tensor(dy, n)).sum());
      check(kind + " y", Torch.read(ty), y, FWD);
      check(kind + " dx", Torch.grad(tx), dx, GRAD);
    }
  }

  @Test
  void softmaxAndLogSoftmax() {
    int rows = 17;
    int n = 301;
    Rng rng = new Rng(5);
    float[] x = gaussian(rng, rows * n, 4);
    x[3] = 80; // large logits: max-subtraction must keep exp finite
    float[] dy = gaussian(rng, rows * n, 1);

    float[] sm = new float[rows * n];
    Softmax.forward(sm, x, rows, n);
    float[] dsm = new float[rows * n];
    Softmax.backward(dsm, dy, sm, rows, n);
    float[] lsm = new float[rows * n];
    LogSoftmax.forward(lsm, x, rows, n);
    float[] dlsm = new float[rows * n];
    LogSoftmax.backward(dlsm, dy, lsm, rows, n);

    try (Torch t = Torch.open()) {
      NDArray tdy = t.tensor(dy, rows, n);
      try (GradientCollector tape = Torch.gradients()) {
        NDArray tx = t.parameter(x, rows, n);
        NDArray ty = Torch.softmax(tx);
        tape.backward(ty.mul(tdy).sum());
        check("softmax y", Torch.read(ty), sm, FWD);
        check("softmax dx", Torch.grad(tx), dsm, GRAD);
      }
      try (GradientCollector tape = Torch.gradients()) {
        NDArray tx = t.parameter(x, rows, n);
        NDArray ty = Torch.logSoftmax(tx);
        tape.backward(ty.mul(tdy).sum());
        check("log_softmax y", Torch.read(ty), lsm, FWD);
        check("log_softmax dx", Torch.grad(tx), dlsm, GRAD);
      }
    }
  }
}
