package dev.staticnet.kernel;

/**
 * Fully connected layer (PyTorch {@code Linear}) on the last axis: {@code y = x·Wᵀ + b}, with W
 * shaped (out, in) as in PyTorch's state_dict. All three products run on {@link Gemm}.
 */
public final class Dense {
  private Dense() {}

  /**
   * y(rows, out) = x(rows, in)·Wᵀ + b, W = params[wOff ..] shaped (out, in), b = params[bOff ..]
   * shaped (out); {@code bOff < 0} means no bias.
   */
  public static void forward(float[] y, float[] x, float[] params, int wOff, int bOff, int rows, int in, int out) {
    forward(null, y, x, params, wOff, bOff, rows, in, out);
  }

  /**
   * As {@link #forward(float[], float[], float[], int, int, int, int, int)}, reading W from
   * {@code packed} panels when the product is large enough to use them (inference; null: pack per call).
   */
  public static void forward(PackedWeights packed, float[] y, float[] x, float[] params, int wOff, int bOff,
                             int rows, int in, int out) {
    Gemm.gemmWeightsBias(packed, rows, out, in, x, 0, in, params, wOff, bOff, y, 0, out); // rows start from b
  }

  /**
   * dx(rows, in) += dy(rows, out)·W ({@code dx} may be null); dW(out, in) += dyᵀ·x; db(out) += Σ_rows dy.
   * dW and db live in {@code dparams} at wOff and bOff ({@code bOff < 0}: no bias).
   */
  public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] params, int wOff, int bOff,
                              int rows, int in, int out) {
    backward(dx, dparams, dy, x, params, wOff, bOff, rows, in, out, true);
  }

  /**
   * As {@link #backward(float[], float[], float[], float[], float[], int, int, int, int, int)}, with
   * dx = dy·W (not read, every element written) unless {@code accumulateDx}.
   */
  public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] params, int wOff, int bOff,
                              int rows, int in, int out, boolean accumulateDx) {
    if (dx != null) {
      Gemm.gemm(false, false, rows, in, out, dy, 0, out, params, wOff, in, accumulateDx ? 1f : 0f, dx, 0, in);
    }
    Gemm.gemm(true, false, out, in, rows, dy, 0, out, x, 0, in, 1f, dparams, wOff, in);
    if (bOff >= 0) {
      for (int r = 0; r < rows; r++) {
        int dyRow = r * out;
        for (int o = 0; o < out; o++) {
          dparams[bOff + o] += dy[dyRow + o];
        }
      }
    }
  }
}
