package dev.staticnet.kernel;

import dev.staticnet.Activation;

/**
 * Element-wise activations and their derivatives (PyTorch semantics, GELU exact). ReLU, σ, tanh and
 * GELU run as Vector API loops ({@link ActivationVector}) when {@link Gemm#SIMD} is true; the scalar
 * loops here finish the tail, or do everything otherwise, with the same float operations in the
 * same order, so the bits do not depend on the path.
 */
public final class Activations {

  private Activations() {}

  /*
   * Exact GELU in float: the Vector API loops of ActivationVector and the scalar gelu and
   * geluDerivative below perform the same float operations in the same order (Math.fma where the
   * vectors use fma), so they give the same bits. With x2 = min(x², 176):
   *  - φ(x) = e^{−x²/2}/√(2π) = 2^n·P(r2), n = round(−x2/2·log2 e), r2 = x2 + 2n·ln 2 in [−ln 2, ln 2],
   *    P of degree 6 fitted for StaticNet to e^{−r2/2}/√(2π) (relative error 3e-8, that of P0, the
   *    float nearest 1/√(2π)). At x2 = 176, n = −127 and 2^n is built as the float 0: φ is exactly 0
   *    beyond |x| ≈ 13.24, where it is below the smallest normal float anyway;
   *  - q = ½·erfc(|x|/√2) = φ(x)·R(s), s = u/(u + 1), u = K·√x2 = k·|x|/√2 with k = 0.3977, so s runs
   *    over [0, 0.79] while φ is not 0. Forming s as u/(u + 1) keeps its rounding relative to |x|:
   *    1/(1 + u) instead cost two ulps of Φ near x = 0. R is a degree-8 polynomial fitted for
   *    StaticNet: minimax of |error of q| / (q + 1e-4) over |x|/√2 in [0, 9.4], R0 chosen so that
   *    q(0) = P0·R0 is exactly ½, the other coefficients rounded to float one at a time with the rest
   *    refitted (fit error 2.5e-9 after rounding);
   *  - Φ(x) = q for x < 0 and 1 − q otherwise (no cancellation in the negative tail), GELU = x·Φ(x),
   *    GELU' = Φ(x) + x·φ(x).
   * Math.fma and the vector fma are single instructions wherever the CPU has FMA (x86 since Haswell
   * and Piledriver, AArch64); on a CPU without it both are exact but slow.
   *
   * Measured against a double-precision erfc (Erf, in the tests) over every float in [-10, 10]:
   * |GELU error| ≤ 1.06e-7·max(1, |x|) (0.9 ulp, at x = 1.15; rounding the exact result alone costs up
   * to 0.6e-7·max(1, |x|)); |GELU' error| ≤ 1.28e-7 (2.1 ulp, at x = 0.0099); relative GELU error
   * ≤ 2.1e-6 for x ≥ −6 (8.9 ulp at most for −3 ≤ x ≤ −0.001) and ≤ 1.5e-5 for x ≥ −9: the negative
   * tail keeps its precision, which 0.5·x·(1 + erf) in float loses. ActivationsTest asserts these.
   */
  static final float GELU_K = 0.28125f; // k/√2
  static final float GELU_R0 = 1.253314137f;
  static final float GELU_R1 = -3.555556059f;
  static final float GELU_R2 = 4.366654396f;
  static final float GELU_R3 = -2.694773197f;
  static final float GELU_R4 = 0.3044187725f;
  static final float GELU_R5 = 0.4792283773f;
  static final float GELU_R6 = 1.913915575e-2f;
  static final float GELU_R7 = -0.2784237564f;
  static final float GELU_R8 = 0.1061508581f;
  static final float GELU_P0 = 0.3989422917f;
  static final float GELU_P1 = -0.1994711459f;
  static final float GELU_P2 = 4.986738786e-2f;
  static final float GELU_P3 = -8.311133832e-3f;
  static final float GELU_P4 = 1.040952862e-3f;
  static final float GELU_P5 = -1.045543177e-4f;
  static final float GELU_P6 = 6.053672223e-6f;
  /** x² is clamped here: n is then −127, 2^n the float 0, and u stays finite for ±∞. */
  static final float GELU_X2_MAX = 176f;
  static final float GELU_NEG_HALF_LOG2E = -0.721347520444482f;
  static final float GELU_TWO_LN2 = 1.38629436111989062f;
  /**
   * 1.5·2²³ + 127: adding and subtracting it rounds to an integer n (as {@link SeqMath#ROUND} does),
   * and its bits end in 127 (mod 2⁹), so the bits of GELU_ROUND + n shifted left by 23 are those of 2^n.
   */
  static final float GELU_ROUND = 12583039f;
  /** Elements per block of the vector GELU backward (its derivatives go to a per-thread buffer). */
  static final int GELU_BLOCK = 1024;
  private static final ThreadLocal<float[]> GELU_DERIVATIVES = ThreadLocal.withInitial(() -> new float[GELU_BLOCK]);

  /** ReLU calls below this many elements take the scalar loops (see {@link #vectorRelu}). */
  static final int RELU_VECTOR_MIN = 4096;

  /**
   * Whether a ReLU over n elements takes the Vector API loops. A small one does not: at that size the
   * scalar loop costs about as much, and it allocates nothing before C2 compiles it. A kernel called
   * once per step on a small tensor (a classifier head in a network whose steps take tens of ms)
   * reaches C2 only after many seconds, and until then C1 runs the Vector API's allocating fallback.
   */
  private static boolean vectorRelu(int n) {
    return Gemm.SIMD && n >= RELU_VECTOR_MIN;
  }

  /** y = act(x) over n elements ({@code y} may be {@code x}); {@code slope} is LEAKY_RELU's negative slope. */
  public static void forward(Activation kind, float[] y, float[] x, int n, float slope) {
    switch (kind) {
      case NONE:
        if (y != x) {
          System.arraycopy(x, 0, y, 0, n);
        }
        break;
      case RELU:
        for (int i = vectorRelu(n) ? ActivationVector.relu(y, x, n) : 0; i < n; i++) {
          y[i] = Math.max(x[i], 0f);
        }
        break;
      case LEAKY_RELU:
        for (int i = 0; i < n; i++) {
          float v = x[i];
          y[i] = v > 0f ? v : slope * v;
        }
        break;
      case SIGMOID:
        for (int i = Gemm.SIMD ? ActivationVector.sigmoid(y, x, n) : 0; i < n; i++) {
          y[i] = SeqMath.sigmoid(x[i]);
        }
        break;
      case TANH:
        for (int i = Gemm.SIMD ? ActivationVector.tanh(y, x, n) : 0; i < n; i++) {
          y[i] = SeqMath.tanh(x[i]);
        }
        break;
      case GELU: // split over the cores when large
        GeluSplit task = GeluSplit.prepare(n);
        if (task == null) {
          geluForward(y, x, 0, n);
        } else {
          task.y = y;
          task.x = x;
          task.start();
        }
        break;
      default:
        throw new IllegalArgumentException("unsupported activation " + kind);
    }
  }

  /**
   * dx += act'(x)·dy over n elements. RELU, SIGMOID and TANH read the forward output y, LEAKY_RELU
   * and GELU read the input x; callers pass both (dx distinct from them).
   */
  public static void backward(Activation kind, float[] dx, float[] dy, float[] x, float[] y, int n, float slope) {
    backward(kind, dx, dy, x, y, n, slope, true);
  }

  /**
   * As {@link #backward(Activation, float[], float[], float[], float[], int, float)} when
   * {@code accumulate}; otherwise dx = act'(x)·dy: every element of dx[0, n) is written and none is
   * read (the value of adding into zeroes; a zero may keep the sign of its product). The generated
   * backward pass assigns where it is the first writer of a gradient, so that the buffer needs no
   * zeroing beforehand. An assigning call may run in place, {@code dx == dy}; x and y may then be
   * one array too when the derivative reads only y (RELU, SIGMOID, TANH).
   */
  public static void backward(Activation kind, float[] dx, float[] dy, float[] x, float[] y, int n, float slope,
                              boolean accumulate) {
    if (accumulate && dx == dy) {
      throw new IllegalArgumentException("an activation's backward runs in place (dx == dy) only when it assigns dx");
    }
    if (kind == Activation.GELU) {
      GeluSplit split = GeluSplit.prepare(n);
      if (split == null) {
        geluBackward(dx, dy, x, 0, n, accumulate);
      } else {
        split.y = dx;
        split.dy = dy;
        split.x = x;
        split.accumulate = accumulate;
        split.start();
      }
    } else if (accumulate) {
      addBackward(kind, dx, dy, x, y, n, slope);
    } else {
      assignBackward(kind, dx, dy, x, y, n, slope);
    }
  }

  /** dx += act'(x)·dy over n elements for the kinds other than GELU. */
  private static void addBackward(Activation kind, float[] dx, float[] dy, float[] x, float[] y, int n, float slope) {
    switch (kind) {
      case NONE:
        for (int i = 0; i < n; i++) {
          dx[i] += dy[i];
        }
        break;
      case RELU: // PyTorch's threshold_backward: gradient where the output is positive
        for (int i = vectorRelu(n) ? ActivationVector.reluBackward(dx, dy, y, n, true) : 0; i < n; i++) {
          dx[i] += y[i] > 0f ? dy[i] : 0f;
        }
        break;
      case LEAKY_RELU:
        for (int i = 0; i < n; i++) {
          dx[i] += x[i] > 0f ? dy[i] : slope * dy[i];
        }
        break;
      case SIGMOID: // σ' = σ(1 - σ)
        for (int i = 0; i < n; i++) {
          float s = y[i];
          dx[i] += dy[i] * s * (1f - s);
        }
        break;
      case TANH: // tanh' = 1 - tanh²
        for (int i = 0; i < n; i++) {
          float t = y[i];
          dx[i] += dy[i] * (1f - t * t);
        }
        break;
      default:
        throw new IllegalArgumentException("unsupported activation " + kind);
    }
  }

  /**
   * dx = act'(x)·dy over n elements for the kinds other than GELU: each element is read before it is
   * written, so dx may be dy (and x may be y for the kinds that read y).
   */
  private static void assignBackward(Activation kind, float[] dx, float[] dy, float[] x, float[] y, int n,
                                     float slope) {
    switch (kind) {
      case NONE:
        System.arraycopy(dy, 0, dx, 0, n);
        break;
      case RELU:
        for (int i = vectorRelu(n) ? ActivationVector.reluBackward(dx, dy, y, n, false) : 0; i < n; i++) {
          dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
        break;
      case LEAKY_RELU:
        for (int i = 0; i < n; i++) {
          dx[i] = x[i] > 0f ? dy[i] : slope * dy[i];
        }
        break;
      case SIGMOID:
        for (int i = 0; i < n; i++) {
          float s = y[i];
          dx[i] = dy[i] * s * (1f - s);
        }
        break;
      case TANH:
        for (int i = 0; i < n; i++) {
          float t = y[i];
          dx[i] = dy[i] * (1f - t * t);
        }
        break;
      default:
        throw new IllegalArgumentException("unsupported activation " + kind);
    }
  }

  /** y[i] = GELU(x[i]) for i in [from, to). */
  static void geluForward(float[] y, float[] x, int from, int to) {
    for (int i = from + (Gemm.SIMD ? ActivationVector.gelu(y, x, from, to - from) : 0); i < to; i++) {
      y[i] = gelu(x[i]);
    }
  }

  /**
   * dx[i] += dy[i]·GELU'(x[i]) (one rounding) for i in [from, to), or dx[i] = dy[i]·GELU'(x[i]) unless
   * {@code accumulate} (dx may then be dy). The vector path takes blocks: the derivatives in one loop,
   * written to a per-thread buffer, the products added in another, so that each loop stays small
   * enough for C2 to keep its vectors in registers (ActivationVector).
   */
  static void geluBackward(float[] dx, float[] dy, float[] x, int from, int to, boolean accumulate) {
    int i = from;
    if (Gemm.SIMD) {
      float[] d = GELU_DERIVATIVES.get();
      while (i < to) {
        int n = Math.min(GELU_BLOCK, to - i);
        int done = ActivationVector.geluDerivative(d, x, i, n);
        ActivationVector.products(dx, dy, d, i, done, accumulate);
        i += done;
        if (done < n) {
          break;
        }
      }
    }
    for (; i < to; i++) {
      dx[i] = accumulate ? Math.fma(dy[i], geluDerivative(x[i]), dx[i]) : dy[i] * geluDerivative(x[i]);
    }
  }

  /** Exact GELU, x·Φ(x); the float operations of {@link ActivationVector#gelu}. */
  static float gelu(float x) {
    float x2 = Math.min(x * x, GELU_X2_MAX);
    return x * cdf(x, x2, pdf(x2));
  }

  /** GELU'(x) = Φ(x) + x·φ(x); the float operations of {@link ActivationVector#geluDerivative}. */
  static float geluDerivative(float x) {
    float x2 = Math.min(x * x, GELU_X2_MAX);
    float pdf = pdf(x2);
    return Math.fma(x, pdf, cdf(x, x2, pdf));
  }

  /** φ(x) from x2 = min(x², GELU_X2_MAX); exactly 0 beyond |x| ≈ 13.24. */
  private static float pdf(float x2) {
    float shifted = Math.fma(x2, GELU_NEG_HALF_LOG2E, GELU_ROUND); // GELU_ROUND + n
    float r2 = Math.fma(shifted - GELU_ROUND, GELU_TWO_LN2, x2);
    float p = Math.fma(r2, GELU_P6, GELU_P5);
    p = Math.fma(p, r2, GELU_P4);
    p = Math.fma(p, r2, GELU_P3);
    p = Math.fma(p, r2, GELU_P2);
    p = Math.fma(p, r2, GELU_P1);
    p = Math.fma(p, r2, GELU_P0); // e^{−r2/2}/√(2π)
    return p * Float.intBitsToFloat(Float.floatToRawIntBits(shifted) << 23); // times 2^n
  }

  /** Φ(x) from x2 = min(x², GELU_X2_MAX) and φ(x). */
  private static float cdf(float x, float x2, float pdf) {
    float u = (float) Math.sqrt(x2) * GELU_K; // the float square root: double rounding is exact here
    float s = u / (u + 1f);
    float p = Math.fma(s, GELU_R8, GELU_R7);
    p = Math.fma(p, s, GELU_R6);
    p = Math.fma(p, s, GELU_R5);
    p = Math.fma(p, s, GELU_R4);
    p = Math.fma(p, s, GELU_R3);
    p = Math.fma(p, s, GELU_R2);
    p = Math.fma(p, s, GELU_R1);
    p = Math.fma(p, s, GELU_R0);
    float q = pdf * p; // ½·erfc(|x|/√2)
    return x < 0f ? q : 1f - q;
  }

  /**
   * One GELU call cut into contiguous ranges for the worker pool (one per thread, reused: no
   * allocation per call). Forward when {@code dy} is null: {@code y = GELU(x)}; else {@code y += dy·GELU'(x)}.
   */
  private static final class GeluSplit implements Parallel.Task {
    /**
     * Below this many elements a call runs on the calling thread alone. Vector GELU, forward and
     * backward averaged, on two cores against one (the VM shared with another job): 0.81 against
     * 0.61 ns per element at 2048 elements, 0.57 against 0.63 at 4096, 0.45 against 0.65 at 8192.
     */
    private static final int PARALLEL_ELEMENTS = 4096;
    private static final ThreadLocal<GeluSplit> TASK = ThreadLocal.withInitial(GeluSplit::new);

    private float[] y;
    private float[] dy;
    private float[] x;
    private boolean accumulate;
    private int n;

    /** The calling thread's task for n elements, or null when the call is too small to share. */
    static GeluSplit prepare(int n) {
      if (n < PARALLEL_ELEMENTS || Parallel.threads() < 2) {
        return null;
      }
      GeluSplit task = TASK.get();
      task.n = n;
      return task;
    }

    void start() {
      try {
        Parallel.run(Parallel.threads(), this);
      } finally {
        y = dy = x = null;
      }
    }

    @Override
    public void run(int part, int parts) {
      int from = (int) ((long) n * part / parts);
      int to = (int) ((long) n * (part + 1) / parts);
      if (dy == null) {
        geluForward(y, x, from, to);
      } else {
        geluBackward(y, dy, x, from, to, accumulate);
      }
    }
  }
}
