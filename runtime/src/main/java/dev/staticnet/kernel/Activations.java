package dev.staticnet.kernel;

import dev.staticnet.Activation;

/** Element-wise activations and their derivatives (PyTorch semantics, GELU exact). */
public final class Activations {

  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  private Activations() {}

  /** y = act(x) over n elements ({@code y} may be {@code x}); {@code slope} is LEAKY_RELU's negative slope. */
  public static void forward(Activation kind, float[] y, float[] x, int n, float slope) {
    switch (kind) {
      case NONE:
        if (y != x) {
          System.arraycopy(x, 0, y, 0, n);
        }
        break;
      case RELU:
        for (int i = Gemm.SIMD ? ActivationVector.relu(y, x, n) : 0; i < n; i++) {
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
      case GELU: // scalar (a Vector API erf is too large for C2 to keep unboxed), split over the cores
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
    switch (kind) {
      case NONE:
        for (int i = 0; i < n; i++) {
          dx[i] += dy[i];
        }
        break;
      case RELU: // PyTorch's threshold_backward: gradient where the output is positive
        for (int i = Gemm.SIMD ? ActivationVector.reluBackward(dx, dy, y, n) : 0; i < n; i++) {
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
      case GELU:
        GeluSplit split = GeluSplit.prepare(n);
        if (split == null) {
          geluBackward(dx, dy, x, 0, n);
        } else {
          split.y = dx;
          split.dy = dy;
          split.x = x;
          split.start();
        }
        break;
      default:
        throw new IllegalArgumentException("unsupported activation " + kind);
    }
  }

  /** y[i] = GELU(x[i]) for i in [from, to). */
  static void geluForward(float[] y, float[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = gelu(x[i]);
    }
  }

  /** dx[i] += dy[i]·GELU'(x[i]) for i in [from, to). */
  static void geluBackward(float[] dx, float[] dy, float[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      dx[i] += dy[i] * geluDerivative(x[i]);
    }
  }

  /** Exact GELU: x·Φ(x) = 0.5·x·erfc(-x/√2) (erfc keeps the negative tail accurate). */
  static float gelu(float x) {
    return (float) (0.5 * x * Erf.erfc(-x * SQRT_HALF));
  }

  /** GELU'(x) = Φ(x) + x·φ(x). */
  static float geluDerivative(float x) {
    double cdf = 0.5 * Erf.erfc(-x * SQRT_HALF);
    double pdf = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    return (float) (cdf + x * pdf);
  }

  /**
   * One GELU call cut into contiguous ranges for the worker pool (one per thread, reused: no
   * allocation per call). Forward when {@code dy} is null: {@code y = GELU(x)}; else {@code y += dy·GELU'(x)}.
   */
  private static final class GeluSplit implements Parallel.Task {
    /** Below this many elements a call runs on the calling thread alone (about 20 µs of work). */
    private static final int PARALLEL_ELEMENTS = 2048;
    private static final ThreadLocal<GeluSplit> TASK = ThreadLocal.withInitial(GeluSplit::new);

    private float[] y;
    private float[] dy;
    private float[] x;
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
        geluBackward(y, dy, x, from, to);
      }
    }
  }
}
