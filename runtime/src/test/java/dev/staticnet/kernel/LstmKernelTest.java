package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.train.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LstmKernelTest {
  private static final int B = 2;
  private static final int T = 4;
  private static final int I = 3;
  private static final int H = 4;

  /** Offsets of weight_ih_l0 (4H, in) | weight_hh_l0 (4H, H) | bias_ih_l0 (4H) | bias_hh_l0 (4H) from base. */
  private record Offsets(int wIh, int wHh, int bIh, int bHh, int end) {
    static Offsets of(int base, int in, int hidden) {
      int g = 4 * hidden;
      return new Offsets(base, base + g * in, base + g * in + g * hidden, base + g * in + g * hidden + g,
          base + g * in + g * hidden + 2 * g);
    }
  }

  private static void forward(float[] y, float[] cache, float[] x, float[] p, Offsets o, int batch, int steps,
                              int in, int hidden, boolean sequences) {
    LstmKernel.forward(y, cache, x, p, o.wIh, o.wHh, o.bIh, o.bHh, batch, steps, in, hidden, sequences);
  }

  private static void backward(float[] dx, float[] dp, float[] dy, float[] x, float[] cache, float[] p, Offsets o,
                               int batch, int steps, int in, int hidden, boolean sequences) {
    LstmKernel.backward(dx, dp, dy, x, cache, p, o.wIh, o.wHh, o.bIh, o.bHh, batch, steps, in, hidden, sequences);
  }

  /** PyTorch's LSTM in double, gates i, f, g, o; returns every h (batch, steps, hidden). */
  private static double[] reference(float[] x, float[] p, Offsets o, int batch, int steps, int in, int hidden) {
    double[] hs = new double[batch * steps * hidden];
    int g4 = 4 * hidden;
    for (int b = 0; b < batch; b++) {
      double[] h = new double[hidden];
      double[] c = new double[hidden];
      for (int t = 0; t < steps; t++) {
        double[] a = new double[g4];
        for (int r = 0; r < g4; r++) {
          a[r] = p[o.bIh + r] + p[o.bHh + r];
          for (int i = 0; i < in; i++) {
            a[r] += p[o.wIh + r * in + i] * x[(b * steps + t) * in + i];
          }
          for (int i = 0; i < hidden; i++) {
            a[r] += p[o.wHh + r * hidden + i] * h[i];
          }
        }
        double[] next = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          double ig = sigmoid(a[j]);
          double fg = sigmoid(a[hidden + j]);
          double gg = Math.tanh(a[2 * hidden + j]);
          double og = sigmoid(a[3 * hidden + j]);
          c[j] = fg * c[j] + ig * gg;
          next[j] = og * Math.tanh(c[j]);
        }
        h = next;
        System.arraycopy(h, 0, hs, (b * steps + t) * hidden, hidden);
      }
    }
    return hs;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** hidden 4 runs the scalar cell only, 19 the vector cell plus a scalar tail. */
  @ParameterizedTest
  @CsvSource({"true, 4", "false, 4", "true, 19", "false, 19"})
  void forwardMatchesTheGateEquations(boolean sequences, int hidden) {
    Rng rng = new Rng(21);
    Offsets o = Offsets.of(3, I, hidden); // parameters need not start at 0
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, o.end, 0.7f);
    float[] y = new float[sequences ? B * T * hidden : B * hidden];
    forward(y, new float[LstmKernel.cacheSize(B, T, hidden)], x, p, o, B, T, I, hidden, sequences);
    double[] ref = reference(x, p, o, B, T, I, hidden);
    for (int b = 0; b < B; b++) {
      for (int t = sequences ? 0 : T - 1; t < T; t++) {
        for (int j = 0; j < hidden; j++) {
          int yi = sequences ? (b * T + t) * hidden + j : b * hidden + j;
          assertEquals(ref[(b * T + t) * hidden + j], y[yi], 2e-6, "h[" + b + ", " + t + ", " + j + "]");
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"true, 4", "false, 4", "true, 19", "false, 19"})
  void backwardMatchesFiniteDifferences(boolean sequences, int hidden) {
    Rng rng = new Rng(sequences ? 31 : 32);
    Offsets o = Offsets.of(0, I, hidden);
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, o.end, 0.7f);
    float[] y = new float[sequences ? B * T * hidden : B * hidden];
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] cache = new float[LstmKernel.cacheSize(B, T, hidden)];
    Runnable fwd = () -> forward(y, cache, x, p, o, B, T, I, hidden, sequences);
    fwd.run();
    float[] dx = new float[x.length];
    float[] dp = new float[p.length];
    backward(dx, dp, r, x, cache, p, o, B, T, I, hidden, sequences);
    SeqGradientCheck.check("LSTM dx", x, dx, fwd, y, r, 1e-2, 2e-3);
    SeqGradientCheck.check("LSTM dparams", p, dp, fwd, y, r, 1e-2, 2e-3);
  }

  /**
   * A batch taller than Gemm's in-place few-row product: the recurrent products of both passes run on
   * W_hh packed once per pass (Vector API path), against the equations and finite differences.
   */
  @Test
  void tallBatchRecurrenceOnPrepackedWeights() {
    int batch = Gemm.NN_MAX_ROWS + 3;
    int hidden = 19;
    Rng rng = new Rng(33);
    Offsets o = Offsets.of(2, I, hidden);
    float[] x = SeqGradientCheck.random(rng, batch * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, o.end, 0.7f);
    float[] y = new float[batch * T * hidden];
    float[] cache = new float[LstmKernel.cacheSize(batch, T, hidden)];
    Runnable fwd = () -> forward(y, cache, x, p, o, batch, T, I, hidden, true);
    fwd.run();
    double[] ref = reference(x, p, o, batch, T, I, hidden);
    for (int i = 0; i < y.length; i++) {
      assertEquals(ref[i], y[i], 2e-6, "h at " + i);
    }
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] dx = new float[x.length];
    float[] dp = new float[p.length];
    backward(dx, dp, r, x, cache, p, o, batch, T, I, hidden, true);
    SeqGradientCheck.check("tall-batch LSTM dx", x, dx, fwd, y, r, 1e-2, 2e-3);
    SeqGradientCheck.check("tall-batch LSTM dparams", p, dp, fwd, y, r, 1e-2, 2e-3);
  }

  /** Two stacked LSTMs (the first returns sequences, the second its last state): gradients of both and of x. */
  @Test
  void stackedLstmsBackwardMatchesFiniteDifferences() {
    Rng rng = new Rng(41);
    int h1 = 5;
    int h2 = 3;
    Offsets o1 = Offsets.of(0, I, h1);
    Offsets o2 = Offsets.of(o1.end, h1, h2);
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, o2.end, 0.6f);
    float[] mid = new float[B * T * h1];
    float[] y = new float[B * h2];
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] c1 = new float[LstmKernel.cacheSize(B, T, h1)];
    float[] c2 = new float[LstmKernel.cacheSize(B, T, h2)];
    Runnable fwd = () -> {
      forward(mid, c1, x, p, o1, B, T, I, h1, true);
      forward(y, c2, mid, p, o2, B, T, h1, h2, false);
    };
    fwd.run();
    float[] dmid = new float[mid.length];
    float[] dx = new float[x.length];
    float[] dp = new float[p.length];
    backward(dmid, dp, r, mid, c2, p, o2, B, T, h1, h2, false);
    backward(dx, dp, dmid, x, c1, p, o1, B, T, I, h1, true);
    SeqGradientCheck.check("stacked LSTM dx", x, dx, fwd, y, r, 1e-2, 2e-3);
    SeqGradientCheck.check("stacked LSTM dparams", p, dp, fwd, y, r, 1e-2, 2e-3);
  }

  /**
   * nn.LSTM(300, 512, num_layers=2) has 3,768,320 parameters (issue 4): two stacked kernels read and
   * train exactly those, layer 1 in its PyTorch layout followed by layer 2.
   */
  @Test
  void torchTwoLayerLstm300To512UsesExactly3768320Parameters() {
    Offsets l0 = Offsets.of(0, 300, 512);
    Offsets l1 = Offsets.of(l0.end, 512, 512);
    assertEquals(3_768_320, l1.end);
    Rng rng = new Rng(11);
    float[] p = SeqGradientCheck.random(rng, l1.end, 0.04f);
    float[] x = SeqGradientCheck.random(rng, 2 * 300, 1f); // one sample, 2 steps
    float[] mid = new float[2 * 512];
    float[] y = new float[512];
    float[] c0 = new float[LstmKernel.cacheSize(1, 2, 512)];
    float[] c1 = new float[LstmKernel.cacheSize(1, 2, 512)];
    forward(mid, c0, x, p, l0, 1, 2, 300, 512, true);
    forward(y, c1, mid, p, l1, 1, 2, 512, 512, false);
    float[] dp = new float[l1.end];
    float[] dmid = new float[mid.length];
    backward(dmid, dp, SeqGradientCheck.random(rng, y.length, 1f), mid, c1, p, l1, 1, 2, 512, 512, false);
    backward(null, dp, dmid, x, c0, p, l0, 1, 2, 300, 512, true);
    for (int i = 0; i < l1.end; i++) {
      if (dp[i] == 0f) {
        throw new AssertionError("parameter " + i + " of 3,768,320 got no gradient");
      }
    }
  }

  @Test
  void worksWithoutBiases() {
    Rng rng = new Rng(51);
    int g4 = 4 * H;
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, g4 * I + g4 * H, 0.7f);
    float[] y = new float[B * H];
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] cache = new float[LstmKernel.cacheSize(B, T, H)];
    Runnable fwd = () -> LstmKernel.forward(y, cache, x, p, 0, g4 * I, -1, -1, B, T, I, H, false);
    fwd.run();
    float[] dp = new float[p.length];
    LstmKernel.backward(null, dp, r, x, cache, p, 0, g4 * I, -1, -1, B, T, I, H, false);
    SeqGradientCheck.check("LSTM without bias dparams", p, dp, fwd, y, r, 1e-2, 2e-3);
  }

  /**
   * Seed 004, RNNs (c): c_t = f_t·c_{t−1} + i_t·g_t with f = 0.99 gives ∂c_20/∂c_1 = 0.99^19. The
   * weights make every gate constant except g, which sees only x (W_hh = 0, W_if = W_ii = W_io = 0,
   * bias_f = logit(0.99)), and every x_t is equal. Then ∂h_20/∂x_1 = o·(1 − tanh²c_20)·∂c_20/∂c_1·∂c_1/∂x_1
   * and ∂h_20/∂x_20 = o·(1 − tanh²c_20)·∂c_20/∂x_20 with ∂c_20/∂x_20 = ∂c_1/∂x_1, so the ratio of
   * the two input gradients from the backward pass is ∂c_20/∂c_1.
   */
  @Test
  void seedLstmCellPathWithForgetGate099() {
    int steps = 20;
    float[] p = new float[4 * 1 + 4 * 1 + 4 + 4]; // hidden = in = 1
    Offsets o = Offsets.of(0, 1, 1);
    p[o.wIh + 2] = 0.5f;                                   // g = tanh(0.5·x_t)
    float logit = (float) Math.log(0.99 / 0.01);
    p[o.bIh + 1] = logit / 2;                              // f = σ(b_if + b_hf) = 0.99
    p[o.bHh + 1] = logit - logit / 2;
    p[o.bIh] = 2f;                                         // i = σ(2), o = σ(1): constants
    p[o.bIh + 3] = 1f;
    float[] x = new float[steps];
    Arrays.fill(x, 0.3f);
    float[] y = new float[1];
    float[] cache = new float[LstmKernel.cacheSize(1, steps, 1)];
    forward(y, cache, x, p, o, 1, steps, 1, 1, false);
    assertEquals(0.99f, cache[1], 1e-7f, "forget gate of step 1");
    float[] dx = new float[steps];
    backward(dx, null, new float[] {1f}, x, cache, p, o, 1, steps, 1, 1, false);
    double ratio = (double) dx[0] / dx[steps - 1];
    System.out.println("dc20/dc1 = " + ratio + " (0.99^19 = " + Math.pow(0.99, 19) + ")");
    assertEquals(Math.pow(0.99, 19), ratio, 1e-5);
    assertTrue(Math.abs(ratio - 0.826) < 1e-3);
  }
}
