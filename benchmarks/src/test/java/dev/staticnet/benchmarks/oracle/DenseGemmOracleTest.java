package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.Data.gaussian;
import static dev.staticnet.benchmarks.oracle.Data.slice;
import static dev.staticnet.benchmarks.oracle.TensorCheck.check;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.kernel.Dense;
import dev.staticnet.kernel.Gemm;
import dev.staticnet.train.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Gemm} against {@code torch.matmul}; {@link Dense} against {@code F.linear} and its autograd. */
class DenseGemmOracleTest {
  static final double FWD = 1e-4;
  static final double GRAD = 1e-3;

  @ParameterizedTest(name = "gemm transA={0} transB={1} {2}x{3}x{4} beta={5}")
  @CsvSource({
    "false,false,37,53,29,0", "true,false,37,53,29,1", "false,true,37,53,29,0.5", "true,true,37,53,29,1",
    "false,false,128,96,200,0", "false,true,64,300,256,1", "true,false,7,1,300,0", "false,false,1,500,784,0"})
  void gemmMatchesMatmul(boolean transA, boolean transB, int m, int n, int k, float beta) {
    Rng rng = new Rng(m * 31L + n * 7L + k);
    // Stored shapes: A is (m,k) or (k,m) when transposed; padded leading dimensions and offsets.
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    int lda = aCols + 3;
    int ldb = bCols + 1;
    int ldc = n + 2;
    int aOff = 5;
    int bOff = 2;
    int cOff = 1;
    float[] a = gaussian(rng, aOff + aRows * lda, 1);
    float[] b = gaussian(rng, bOff + bRows * ldb, 1);
    float[] c = gaussian(rng, cOff + m * ldc, 1);
    float[] a0 = dense(a, aOff, aRows, aCols, lda);
    float[] b0 = dense(b, bOff, bRows, bCols, ldb);
    float[] c0 = dense(c, cOff, m, n, ldc);

    Gemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);

    try (Torch t = Torch.open()) {
      NDArray ta = t.tensor(a0, aRows, aCols);
      NDArray tb = t.tensor(b0, bRows, bCols);
      NDArray prod = Torch.matmul(transA ? ta.transpose() : ta, transB ? tb.transpose() : tb);
      NDArray expected = prod.add(t.tensor(c0, m, n).mul(beta));
      check("gemm " + transA + "," + transB + " " + m + "x" + n + "x" + k, Torch.read(expected),
          dense(c, cOff, m, n, ldc), FWD);
    }
  }

  @ParameterizedTest(name = "dense rows={0} in={1} out={2} bias={3}")
  @CsvSource({"8,784,500,true", "5,13,7,false", "1,33,65,true", "64,500,10,true"})
  void denseMatchesLinearAndAutograd(int rows, int in, int out, boolean bias) {
    Rng rng = new Rng(rows + 100L * in + out);
    int wOff = 3;
    int bOff = bias ? wOff + out * in : -1;
    int size = wOff + out * in + (bias ? out : 0) + 2;
    float bound = (float) (1 / Math.sqrt(in));
    float[] params = Data.uniform(rng, size, -bound, bound);
    float[] x = gaussian(rng, rows * in, 1);
    float[] dy = gaussian(rng, rows * out, 1);

    float[] y = new float[rows * out];
    Dense.forward(y, x, params, wOff, bOff, rows, in, out);
    float[] dx = gaussian(rng, rows * in, 1); // backward ADDS: start from noise and subtract it after
    float[] dx0 = dx.clone();
    float[] dparams = new float[size];
    Dense.backward(dx, dparams, dy, x, params, wOff, bOff, rows, in, out);
    for (int i = 0; i < dx.length; i++) {
      dx[i] -= dx0[i];
    }

    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(x, rows, in);
      NDArray tw = t.parameter(slice(params, wOff, out * in), out, in);
      NDArray tb = bias ? t.parameter(slice(params, bOff, out), out) : null;
      NDArray ty = Torch.linear(tx, tw, tb);
      tape.backward(ty.mul(t.tensor(dy, rows, out)).sum()); // vector-Jacobian product with dy
      String name = "dense " + rows + "x" + in + "->" + out;
      check(name + " y", Torch.read(ty), y, FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
      check(name + " dW", Torch.grad(tw), slice(dparams, wOff, out * in), GRAD);
      if (bias) {
        check(name + " db", Torch.grad(tb), slice(dparams, bOff, out), GRAD);
      }
    }
  }

  /** The (rows, cols) block at {@code off} with leading dimension {@code ld}, compacted. */
  private static float[] dense(float[] a, int off, int rows, int cols, int ld) {
    float[] d = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(a, off + r * ld, d, r * cols, cols);
    }
    return d;
  }
}
