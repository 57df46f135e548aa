package dev.staticnet.kernel;

/** Scalar helpers shared by the sequence kernels: gate nonlinearities, bias rows, bias gradients. */
final class SeqMath {
  /** Below this many element operations a pointwise pass runs on the caller alone. */
  static final int PARALLEL_ELEMENTS = 8 * 1024;

  private SeqMath() {}

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5·2²³: adding and subtracting it rounds a float of magnitude below 2²² to the nearest integer. */
  static final float ROUND = 12582912f;
  /** Below this e^x is 0 (float underflow); above the max it is clamped to e^88.3. */
  static final float EXP_MIN = -87.3f;
  static final float EXP_MAX = 88.3f;

  /**
   * {@code e^x} in float, Cephes' {@code expf}: {@code x = n·ln2 + r}, |r| ≤ ln2/2, a degree-6
   * polynomial for {@code e^r}, {@code 2^n} built in the exponent bits. {@link SeqVector#exp} performs
   * the same float operations in the same order, so both give the same bits (tested): results do not
   * depend on the vector width, on whether SIMD is on, or on JIT state.
   */
  static float exp(float x) {
    float xc = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
    float shifted = xc * LOG2E + ROUND; // ROUND + n, n = round(x·log2 e)
    float n = shifted - ROUND;
    float r = xc - n * LN2_HI - n * LN2_LO;
    float p = r * 1.9875691500e-4f + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float er = p * (r * r) + r + 1f;
    int bits = Float.floatToRawIntBits(shifted) - Float.floatToRawIntBits(ROUND); // n as an int
    float pow2n = Float.intBitsToFloat((bits + 127) << 23);
    return x < EXP_MIN ? 0f : er * pow2n;
  }

  /** {@code σ(x) = 1 / (1 + e^{−x})}, the same float operations as {@link SeqVector#sigmoid}. */
  static float sigmoid(float x) {
    return 1f / (exp(-x) + 1f);
  }

  /**
   * {@code tanh x} (Cephes' {@code tanhf}): an odd polynomial for |x| &lt; 0.625, else
   * {@code ±(1 − 2/(e^{2|x|} + 1))}; the same float operations as {@link SeqVector#tanh}.
   */
  static float tanh(float x) {
    float ax = Math.abs(x);
    if (ax < 0.625f) {
      float z = x * x;
      float p = z * -5.70498872745e-3f + 2.06390887954e-2f;
      p = p * z - 5.37397155531e-2f;
      p = p * z + 1.33314422036e-1f;
      p = p * z - 3.33332819422e-1f;
      return p * z * x + x;
    }
    float t = 1f - 2f / (exp(ax + ax) + 1f);
    return x < 0f ? -t : t;
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

  /** {@code dst (cols, rows) = srcᵀ}, src (rows, cols) at {@code src[sOff]}, dst at {@code dst[dOff]}. */
  static void transpose(float[] dst, int dOff, float[] src, int sOff, int rows, int cols) {
    transpose(dst, dOff, src, sOff, rows, cols, cols);
  }

  /** As {@link #transpose(float[], int, float[], int, int, int)} with src rows {@code lds} apart. */
  static void transpose(float[] dst, int dOff, float[] src, int sOff, int rows, int cols, int lds) {
    final int tile = 32;
    for (int r0 = 0; r0 < rows; r0 += tile) {
      for (int c0 = 0; c0 < cols; c0 += tile) {
        for (int r = r0; r < Math.min(rows, r0 + tile); r++) {
          for (int c = c0; c < Math.min(cols, c0 + tile); c++) {
            dst[dOff + c * rows + r] = src[sOff + r * lds + c];
          }
        }
      }
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

  /**
   * Checks that a recurrent kernel's cache is long enough, naming the sizes it was computed from.
   * The message is built only on failure: the check runs on every call and must not allocate.
   */
  static void checkCache(String kernel, float[] cache, long needed, int batch, int steps, int hidden) {
    if (cache.length < needed) {
      throw new IllegalArgumentException(kernel + ": cache needs " + needed + " floats for batch " + batch
          + ", steps " + steps + ", hidden " + hidden + ", but has " + cache.length);
    }
  }

  /** The backward pass reads x again, so the forward pass must not overwrite it with y. */
  static void checkNotAliased(String kernel, float[] y, float[] x) {
    if (y == x) {
      throw new IllegalArgumentException(kernel + ": output y must not be the input x (backward reads x again)");
    }
  }
}
