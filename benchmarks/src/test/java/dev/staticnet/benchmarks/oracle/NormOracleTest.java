package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.Data.gaussian;
import static dev.staticnet.benchmarks.oracle.Data.slice;
import static dev.staticnet.benchmarks.oracle.TensorCheck.check;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.kernel.BatchNormKernel;
import dev.staticnet.kernel.LayerNormKernel;
import dev.staticnet.train.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link LayerNormKernel} against {@code F.layer_norm}; {@link BatchNormKernel} against {@code F.batch_norm}
 * in training mode (output, gradients, running statistics updated in place by libtorch) and in eval mode.
 */
class NormOracleTest {
  static final double FWD = 1e-4;
  static final double GRAD = 1e-3;

  @ParameterizedTest(name = "layerNorm rows={0} n={1} affine={2}")
  @CsvSource({"12,64,true", "7,33,false", "1,500,true"})
  void layerNorm(int rows, int n, boolean affine) {
    Rng rng = new Rng(rows * 1000L + n);
    float eps = 1e-5f;
    int wOff = affine ? 1 : -1;
    int bOff = affine ? 1 + n : -1;
    float[] params = affine ? gaussian(rng, 1 + 2 * n, 1) : new float[0];
    float[] x = gaussian(rng, rows * n, 2);
    for (int i = 0; i < x.length; i++) {
      x[i] += 3; // an offset mean, as activations have
    }
    float[] dy = gaussian(rng, rows * n, 1);

    float[] y = new float[rows * n];
    float[] mean = new float[rows];
    float[] rstd = new float[rows];
    LayerNormKernel.forward(y, mean, rstd, x, params, wOff, bOff, rows, n, eps);
    float[] dx = new float[rows * n];
    float[] dparams = new float[params.length];
    LayerNormKernel.backward(dx, dparams, dy, x, mean, rstd, params, wOff, bOff, rows, n);

    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(x, rows, n);
      NDArray tw = affine ? t.parameter(slice(params, wOff, n), n) : null;
      NDArray tb = affine ? t.parameter(slice(params, bOff, n), n) : null;
      NDArray ty = Torch.layerNorm(tx, n, tw, tb, eps);
      tape.backward(ty.mul(t.tensor(dy, rows, n)).sum());
      String name = "layer_norm " + rows + "x" + n;
      check(name + " y", Torch.read(ty), y, FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
      if (affine) {
        check(name + " dweight", Torch.grad(tw), slice(dparams, wOff, n), GRAD);
        check(name + " dbias", Torch.grad(tb), slice(dparams, bOff, n), GRAD);
      }
    }
  }

  @ParameterizedTest(name = "batchNorm train batch={0} channels={1} spatial={2} affine={3}")
  @CsvSource({"16,8,1,true", "4,6,25,true", "3,5,49,false", "3,4,1,true"})
  void batchNormTrain(int batch, int channels, int spatial, boolean affine) {
    Rng rng = new Rng(batch * 100L + channels * 10L + spatial);
    float eps = 1e-5f;
    float momentum = 0.1f;
    int n = batch * channels * spatial;
    int wOff = affine ? 0 : -1;
    int bOff = affine ? channels : -1;
    float[] params = affine ? gaussian(rng, 2 * channels, 1) : new float[0];
    float[] buffers = new float[1 + 2 * channels]; // [num_batches_tracked placeholder, running_mean, running_var]
    int rmOff = 1;
    int rvOff = 1 + channels;
    float[] runMean0 = gaussian(rng, channels, 0.1);
    float[] runVar0 = Data.uniform(rng, channels, 0.5f, 1.5f);
    System.arraycopy(runMean0, 0, buffers, rmOff, channels);
    System.arraycopy(runVar0, 0, buffers, rvOff, channels);
    float[] x = gaussian(rng, n, 2);
    float[] dy = gaussian(rng, n, 1);

    float[] y = new float[n];
    float[] mean = new float[channels];
    float[] rstd = new float[channels];
    BatchNormKernel.forwardTrain(y, mean, rstd, x, params, wOff, bOff, buffers, rmOff, rvOff, batch, channels,
        spatial, eps, momentum);
    float[] dx = new float[n];
    float[] dparams = new float[params.length];
    BatchNormKernel.backward(dx, dparams, dy, x, mean, rstd, params, wOff, bOff, batch, channels, spatial);

    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      long[] shape = spatial == 1 ? new long[] {batch, channels} : new long[] {batch, channels, spatial};
      NDArray tx = t.parameter(x, shape);
      NDArray tw = affine ? t.parameter(slice(params, wOff, channels), channels) : null;
      NDArray tb = affine ? t.parameter(slice(params, bOff, channels), channels) : null;
      NDArray rm = t.tensor(runMean0, channels);
      NDArray rv = t.tensor(runVar0, channels);
      NDArray ty = Torch.batchNorm(tx, rm, rv, tw, tb, true, momentum, eps);
      tape.backward(ty.mul(t.tensor(dy, shape)).sum());
      String name = "batch_norm train " + batch + "x" + channels + "x" + spatial;
      check(name + " y", Torch.read(ty), y, FWD);
      check(name + " running_mean", Torch.read(rm), slice(buffers, rmOff, channels), FWD);
      check(name + " running_var", Torch.read(rv), slice(buffers, rvOff, channels), FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
      if (affine) {
        check(name + " dweight", Torch.grad(tw), slice(dparams, wOff, channels), GRAD);
        check(name + " dbias", Torch.grad(tb), slice(dparams, bOff, channels), GRAD);
      }
    }
  }

  @ParameterizedTest(name = "batchNorm eval batch={0} channels={1} spatial={2}")
  @CsvSource({"1,8,1", "4,6,25"})
  void batchNormEval(int batch, int channels, int spatial) {
    Rng rng = new Rng(batch * 7L + channels + spatial);
    float eps = 1e-5f;
    int n = batch * channels * spatial;
    float[] params = gaussian(rng, 2 * channels, 1);
    float[] buffers = new float[2 * channels];
    System.arraycopy(gaussian(rng, channels, 0.5), 0, buffers, 0, channels);
    System.arraycopy(Data.uniform(rng, channels, 0.5f, 2f), 0, buffers, channels, channels);
    float[] x = gaussian(rng, n, 2);
    float[] dy = gaussian(rng, n, 1);

    float[] y = new float[n];
    BatchNormKernel.forwardEval(y, x, params, 0, channels, buffers, 0, channels, batch, channels, spatial, eps);
    float[] dx = new float[n];
    float[] dparams = new float[2 * channels];
    BatchNormKernel.backwardEval(dx, dparams, dy, x, params, 0, channels, buffers, 0, channels, batch, channels,
        spatial, eps);

    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      long[] shape = spatial == 1 ? new long[] {batch, channels} : new long[] {batch, channels, spatial};
      NDArray tx = t.parameter(x, shape);
      NDArray tw = t.parameter(slice(params, 0, channels), channels);
      NDArray tb = t.parameter(slice(params, channels, channels), channels);
      NDArray ty = Torch.batchNorm(tx, t.tensor(slice(buffers, 0, channels), channels),
          t.tensor(slice(buffers, channels, channels), channels), tw, tb, false, 0.1f, eps);
      tape.backward(ty.mul(t.tensor(dy, shape)).sum());
      String name = "batch_norm eval " + batch + "x" + channels + "x" + spatial;
      check(name + " y", Torch.read(ty), y, FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
      check(name + " dweight", Torch.grad(tw), slice(dparams, 0, channels), GRAD);
      check(name + " dbias", Torch.grad(tb), slice(dparams, channels, channels), GRAD);
    }
  }
}
