package dev.staticnet.kernel;

/** Scalar helpers shared by the sequence kernels: gate nonlinearities, bias rows, bias gradients. */
final class SeqMath {
  /** Below this many element operations a pointwise pass runs on the caller alone. */
  static final int PARALLEL_ELEMENTS = 8 * 1024;

  private SeqMath() {}

  /** {@code σ(x) = 1 / (1 + e^{−x})}, evaluated in double (saturates cleanly for |x| large). */
  static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  /**
   * {@code tanh(x)} via the intrinsic {@code Math.exp} ({@code Math.tanh} is not intrinsified):
   * {@code 1 − 2/(e^{2x} + 1)} in double, and the odd Taylor series near 0 where that form cancels.
   */
  static float tanh(float x) {
    double d = x;
    if (Math.abs(d) < 0.01) {
      double d2 = d * d;
      return (float) (d * (1.0 - d2 * (1.0 / 3.0 - d2 * (2.0 / 15.0))));
    }
    return (float) (1.0 - 2.0 / (Math.exp(2.0 * d) + 1.0));
  }

  /** {@code c[r, :] += params[bOff ..]} for each of {@code rows} rows of {@code n}; no-op when bOff < 0. */
  static void addBias(float[] c, int cOff, int rows, int n, int ldc, float[] params, int bOff) {
    if (bOff < 0) {
      return;
    }
    for (int r = 0; r < rows; r++) {
      addInto(c, cOff + r * ldc, params, bOff, n);
    }
  }

  /** {@code dparams[bOff + j] += Σ_r g[gOff + r·ldg + j]}; no-op when bOff < 0 or dparams is null. */
  static void addColumnSums(float[] dparams, int bOff, float[] g, int gOff, int rows, int n, int ldg) {
    if (bOff < 0 || dparams == null) {
      return;
    }
    for (int r = 0; r < rows; r++) {
      addInto(dparams, bOff, g, gOff + r * ldg, n);
    }
  }

  /** {@code dst[dOff + j] += src[sOff + j]} for {@code j < n}. */
  static void addInto(float[] dst, int dOff, float[] src, int sOff, int n) {
    int j = Gemm.SIMD ? SeqVector.addInto(dst, dOff, src, sOff, n) : 0;
    for (; j < n; j++) {
      dst[dOff + j] += src[sOff + j];
    }
  }

  /** Number of parts to split {@code rows} rows of {@code rowWork} element operations over. */
  static int parts(int rows, long rowWork) {
    if ((long) rows * rowWork < PARALLEL_ELEMENTS) {
      return 1;
    }
    return Math.max(1, Math.min(rows, Parallel.threads()));
  }

  /** First row of part {@code part} of {@code parts} over {@code rows} rows. */
  static int split(int rows, int part, int parts) {
    return (int) ((long) rows * part / parts);
  }

  /** Checks that a sized buffer is long enough, naming the buffer and the sizes it was computed from. */
  static void checkLength(String kernel, String buffer, float[] a, long needed, String sizes) {
    if (a.length < needed) {
      throw new IllegalArgumentException(kernel + ": " + buffer + " needs " + needed + " floats for " + sizes
          + ", but has " + a.length);
    }
  }

  /** The backward pass reads x again, so the forward pass must not overwrite it with y. */
  static void checkNotAliased(String kernel, float[] y, float[] x) {
    if (y == x) {
      throw new IllegalArgumentException(kernel + ": output y must not be the input x (backward reads x again)");
    }
  }
}
