package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Activation;
import dev.staticnet.train.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RnnKernelTest {
  private static final int B = 2;
  private static final int T = 4;
  private static final int I = 3;
  private static final int H = 5;
  // params: weight_ih_l0 (H, I) | weight_hh_l0 (H, H) | bias_ih_l0 (H) | bias_hh_l0 (H)
  private static final int W_IH = 0;
  private static final int W_HH = H * I;
  private static final int B_IH = W_HH + H * H;
  private static final int B_HH = B_IH + H;
  private static final int P = B_HH + H;

  /** The recurrence written out in double: h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh). */
  private static double[] reference(Activation act, float[] x, float[] p, int batch, int steps, int in, int hidden) {
    double[] hs = new double[batch * steps * hidden];
    for (int b = 0; b < batch; b++) {
      double[] h = new double[hidden];
      for (int t = 0; t < steps; t++) {
        double[] next = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          double z = p[in * hidden + hidden * hidden + j] + p[in * hidden + hidden * hidden + hidden + j];
          for (int i = 0; i < in; i++) {
            z += p[j * in + i] * x[(b * steps + t) * in + i];
          }
          for (int i = 0; i < hidden; i++) {
            z += p[in * hidden + j * hidden + i] * h[i];
          }
          next[j] = act == Activation.RELU ? Math.max(0, z) : Math.tanh(z);
        }
        h = next;
        System.arraycopy(h, 0, hs, (b * steps + t) * hidden, hidden);
      }
    }
    return hs;
  }

  @ParameterizedTest
  @CsvSource({"TANH, true", "TANH, false", "RELU, true", "RELU, false"})
  void forwardMatchesTheRecurrence(Activation act, boolean sequences) {
    Rng rng = new Rng(11);
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, P, 0.6f);
    float[] y = new float[sequences ? B * T * H : B * H];
    RnnKernel.forward(act, y, new float[RnnKernel.cacheSize(B, T, H)], x, p, W_IH, W_HH, B_IH, B_HH,
        B, T, I, H, sequences);
    double[] ref = reference(act, x, p, B, T, I, H);
    for (int b = 0; b < B; b++) {
      for (int t = sequences ? 0 : T - 1; t < T; t++) {
        for (int j = 0; j < H; j++) {
          int yi = sequences ? (b * T + t) * H + j : b * H + j;
          assertEquals(ref[(b * T + t) * H + j], y[yi], 1e-6, "h[" + b + ", " + t + ", " + j + "]");
        }
      }
    }
  }

  /** hidden 19: the vector tanh plus a scalar tail, and a backward through it. */
  @Test
  void wideTanhMatchesTheRecurrenceAndFiniteDifferences() {
    int hidden = 19;
    int wHh = hidden * I;
    int bIh = wHh + hidden * hidden;
    int bHh = bIh + hidden;
    Rng rng = new Rng(12);
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, bHh + hidden, 0.3f);
    float[] y = new float[B * T * hidden];
    float[] cache = new float[RnnKernel.cacheSize(B, T, hidden)];
    Runnable forward = () -> RnnKernel.forward(Activation.TANH, y, cache, x, p, 0, wHh, bIh, bHh, B, T, I, hidden, true);
    forward.run();
    double[] ref = reference(Activation.TANH, x, p, B, T, I, hidden);
    for (int i = 0; i < y.length; i++) {
      assertEquals(ref[i], y[i], 2e-6, "h[" + i + "]");
    }
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] dx = new float[x.length];
    float[] dp = new float[p.length];
    RnnKernel.backward(Activation.TANH, dx, dp, r, x, cache, p, 0, wHh, bIh, bHh, B, T, I, hidden, true);
    SeqGradientCheck.check("RNN wide dx", x, dx, forward, y, r, 1e-2, 2e-3);
    SeqGradientCheck.check("RNN wide dparams", p, dp, forward, y, r, 1e-2, 2e-3);
  }

  @ParameterizedTest
  @CsvSource({"TANH, true", "TANH, false", "RELU, true", "RELU, false"})
  void backwardMatchesFiniteDifferences(Activation act, boolean sequences) {
    Rng rng = new Rng(act == Activation.RELU ? 5 : 3);
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, P, 0.6f);
    float[] y = new float[sequences ? B * T * H : B * H];
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] cache = new float[RnnKernel.cacheSize(B, T, H)];
    Runnable forward = () -> RnnKernel.forward(act, y, cache, x, p, W_IH, W_HH, B_IH, B_HH, B, T, I, H, sequences);
    forward.run();
    float[] dx = new float[x.length];
    float[] dp = new float[P];
    RnnKernel.backward(act, dx, dp, r, x, cache, p, W_IH, W_HH, B_IH, B_HH, B, T, I, H, sequences);
    double eps = act == Activation.RELU ? 1e-3 : 1e-2;
    SeqGradientCheck.check("RNN " + act + " dx", x, dx, forward, y, r, eps, 2e-3);
    SeqGradientCheck.check("RNN " + act + " dparams", p, dp, forward, y, r, eps, 2e-3);
  }

  @Test
  void backwardAddsIntoGradientsAndSkipsNullOnes() {
    Rng rng = new Rng(8);
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, P, 0.6f);
    float[] y = new float[B * H];
    float[] dy = SeqGradientCheck.random(rng, y.length, 1f);
    float[] cache = new float[RnnKernel.cacheSize(B, T, H)];
    RnnKernel.forward(Activation.TANH, y, cache, x, p, W_IH, W_HH, B_IH, B_HH, B, T, I, H, false);
    float[] once = new float[P];
    RnnKernel.backward(Activation.TANH, null, once, dy, x, cache, p, W_IH, W_HH, B_IH, B_HH, B, T, I, H, false);
    float[] twice = new float[P];
    for (int k = 0; k < 2; k++) {
      RnnKernel.backward(Activation.TANH, null, twice, dy, x, cache, p, W_IH, W_HH, B_IH, B_HH, B, T, I, H, false);
    }
    for (int i = 0; i < P; i++) {
      assertEquals(2 * once[i], twice[i], 1e-5, "dparams[" + i + "]");
    }
  }

  /**
   * Seed 004, RNNs (a), (b): the scalar RNN h_t = ReLU(w·h_{t−1} + u·x_t) with every pre-activation
   * positive has ∂h_n/∂h_1 = w^{n−1}. With u = 1 and h_0 = 0, h_1 = x_1, so ∂h_n/∂h_1 = ∂h_n/∂x_1,
   * which the backward pass delivers in dx[0].
   */
  @ParameterizedTest
  @CsvSource({"0.3, 3", "3, 3", "0.3, 20", "3, 20"})
  void seedScalarReluRnnGradientIsAPowerOfW(float w, int n) {
    float[] p = {1f, w, 0f, 0f}; // weight_ih = u = 1, weight_hh = w, no bias values
    float[] x = new float[n];
    java.util.Arrays.fill(x, 1f); // positive inputs keep every pre-activation positive
    float[] y = new float[1];
    float[] cache = new float[RnnKernel.cacheSize(1, n, 1)];
    RnnKernel.forward(Activation.RELU, y, cache, x, p, 0, 1, 2, 3, 1, n, 1, 1, false);
    for (int t = 0; t < n; t++) {
      assertTrue(cache[t] > 0f, "pre-activation at t=" + t + " must stay positive");
    }
    float[] dx = new float[n];
    RnnKernel.backward(Activation.RELU, dx, new float[4], new float[] {1f}, x, cache, p, 0, 1, 2, 3,
        1, n, 1, 1, false);
    double expected = Math.pow(w, n - 1);
    System.out.printf("dh%d/dh1 for w=%s: %s (w^%d = %s)%n", n, w, dx[0], n - 1, expected);
    assertEquals(expected, dx[0], Math.abs(expected) * 1e-5);
  }

  @Test
  void seedRnnDiagramSizes() {
    // Seed 001, "Sample RNN": x ∈ R³, h ∈ R⁴ → W_hx (4×3), W_hh (4×4) (+ PyTorch's two biases of 4)
    int in = 3;
    int hidden = 4;
    int params = hidden * in + hidden * hidden + 2 * hidden;
    assertEquals(36, params);
    float[] p = new float[params];
    for (int i = 0; i < params; i++) {
      p[i] = 0.1f * ((i % 7) - 3);
    }
    float[] x = {1f, 0f, -1f, 0.5f, 0.5f, 0.5f};
    float[] y = new float[2 * hidden];
    RnnKernel.forward(Activation.TANH, y, new float[RnnKernel.cacheSize(1, 2, hidden)], x, p,
        0, hidden * in, hidden * in + hidden * hidden, hidden * in + hidden * hidden + hidden, 1, 2, in, hidden, true);
    double[] ref = reference(Activation.TANH, x, p, 1, 2, in, hidden);
    for (int i = 0; i < y.length; i++) {
      assertEquals(ref[i], y[i], 1e-6);
    }
  }

  /** The generator sizes a cache as batch·perSample + fixed: every kernel's cacheSize must be affine in batch. */
  @Test
  void cacheSizesAreAffineInBatch() {
    java.util.function.IntUnaryOperator[] sizes = {
        b -> RnnKernel.cacheSize(b, 7, 5), b -> LstmKernel.cacheSize(b, 7, 5), b -> GruKernel.cacheSize(b, 7, 5),
        b -> AttentionKernel.cacheSize(b, 7, 6, 2)};
    for (java.util.function.IntUnaryOperator size : sizes) {
      int fixed = size.applyAsInt(0);
      int perSample = size.applyAsInt(1) - fixed;
      for (int b = 2; b <= 64; b *= 2) {
        assertEquals(fixed + b * perSample, size.applyAsInt(b));
      }
    }
    assertEquals(25, RnnKernel.cacheSize(0, 7, 5));       // weight_hh_l0ᵀ
    assertEquals(4 * 25, LstmKernel.cacheSize(0, 7, 5));
    assertEquals(3 * 25, GruKernel.cacheSize(0, 7, 5));
    assertEquals(0, AttentionKernel.cacheSize(0, 7, 6, 2));
  }

  @Test
  void rejectsOtherNonlinearities() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RnnKernel.forward(
        Activation.GELU, new float[H], new float[RnnKernel.cacheSize(1, 1, H)], new float[I], new float[P],
        W_IH, W_HH, B_IH, B_HH, 1, 1, I, H, false));
    assertTrue(e.getMessage().contains("TANH or RELU") && e.getMessage().contains("GELU"), e.getMessage());
  }

  @Test
  void rejectsAShortCache() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RnnKernel.forward(
        Activation.TANH, new float[B * H], new float[3], new float[B * T * I], new float[P],
        W_IH, W_HH, B_IH, B_HH, B, T, I, H, false));
    assertTrue(e.getMessage().contains("cache needs " + RnnKernel.cacheSize(B, T, H)), e.getMessage());
  }
}
