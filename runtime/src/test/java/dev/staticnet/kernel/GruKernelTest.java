package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.train.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hidden 4 runs the scalar cell only, 19 the vector cell plus a scalar tail. */
class GruKernelTest {
  private static final int B = 2;
  private static final int T = 4;
  private static final int I = 3;

  /** Offsets of weight_ih_l0 (3H, I) | weight_hh_l0 (3H, H) | bias_ih_l0 (3H) | bias_hh_l0 (3H). */
  private record Layout(int H, int W_IH, int W_HH, int B_IH, int B_HH, int P) {
    static Layout of(int hidden) {
      return of(I, hidden);
    }

    static Layout of(int in, int hidden) {
      int wHh = 3 * hidden * in;
      int bIh = wHh + 3 * hidden * hidden;
      return new Layout(hidden, 0, wHh, bIh, bIh + 3 * hidden, bIh + 6 * hidden);
    }
  }

  /** PyTorch's GRU in double, gates r, z, n with r applied to (W_hn h + b_hn); every h (batch, steps, hidden). */
  private static double[] reference(Layout l, float[] x, float[] p, int batch, int steps) {
    int H = l.H;
    int W_IH = l.W_IH;
    int W_HH = l.W_HH;
    int B_IH = l.B_IH;
    int B_HH = l.B_HH;
    double[] hs = new double[batch * steps * H];
    for (int b = 0; b < batch; b++) {
      double[] h = new double[H];
      for (int t = 0; t < steps; t++) {
        double[] gi = new double[3 * H];
        double[] gh = new double[3 * H];
        for (int r = 0; r < 3 * H; r++) {
          gi[r] = p[B_IH + r];
          gh[r] = p[B_HH + r];
          for (int i = 0; i < I; i++) {
            gi[r] += p[W_IH + r * I + i] * x[(b * steps + t) * I + i];
          }
          for (int i = 0; i < H; i++) {
            gh[r] += p[W_HH + r * H + i] * h[i];
          }
        }
        double[] next = new double[H];
        for (int j = 0; j < H; j++) {
          double r = 1 / (1 + Math.exp(-(gi[j] + gh[j])));
          double z = 1 / (1 + Math.exp(-(gi[H + j] + gh[H + j])));
          double n = Math.tanh(gi[2 * H + j] + r * gh[2 * H + j]);
          next[j] = (1 - z) * n + z * h[j];
        }
        h = next;
        System.arraycopy(h, 0, hs, (b * steps + t) * H, H);
      }
    }
    return hs;
  }

  @ParameterizedTest
  @CsvSource({"true, 4", "false, 4", "true, 19", "false, 19"})
  void forwardMatchesTheGateEquations(boolean sequences, int hidden) {
    Layout l = Layout.of(hidden);
    int H = l.H;
    int P = l.P;
    Rng rng = new Rng(61);
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, P, 0.7f);
    float[] y = new float[sequences ? B * T * H : B * H];
    GruKernel.forward(y, new float[GruKernel.cacheSize(B, T, H)], x, p, l.W_IH, l.W_HH, l.B_IH, l.B_HH, B, T, I, H, sequences);
    double[] ref = reference(l, x, p, B, T);
    for (int b = 0; b < B; b++) {
      for (int t = sequences ? 0 : T - 1; t < T; t++) {
        for (int j = 0; j < H; j++) {
          int yi = sequences ? (b * T + t) * H + j : b * H + j;
          assertEquals(ref[(b * T + t) * H + j], y[yi], 2e-6, "h[" + b + ", " + t + ", " + j + "]");
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"true, 4", "false, 4", "true, 19", "false, 19"})
  void backwardMatchesFiniteDifferences(boolean sequences, int hidden) {
    Layout l = Layout.of(hidden);
    int H = l.H;
    int P = l.P;
    Rng rng = new Rng(sequences ? 71 : 72);
    float[] x = SeqGradientCheck.random(rng, B * T * I, 1f);
    float[] p = SeqGradientCheck.random(rng, P, 0.7f);
    float[] y = new float[sequences ? B * T * H : B * H];
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] cache = new float[GruKernel.cacheSize(B, T, H)];
    Runnable fwd = () -> GruKernel.forward(y, cache, x, p, l.W_IH, l.W_HH, l.B_IH, l.B_HH, B, T, I, H, sequences);
    fwd.run();
    float[] dx = new float[x.length];
    float[] dp = new float[P];
    GruKernel.backward(dx, dp, r, x, cache, p, l.W_IH, l.W_HH, l.B_IH, l.B_HH, B, T, I, H, sequences);
    SeqGradientCheck.check("GRU dx", x, dx, fwd, y, r, 1e-2, 2e-3);
    SeqGradientCheck.check("GRU dparams", p, dp, fwd, y, r, 1e-2, 2e-3);
  }

  /** nn.GRU(10, 20) has 1,920 parameters (issue 4): the kernel reads and trains exactly those, in PyTorch's layout. */
  @Test
  void torchGru10To20UsesExactly1920Parameters() {
    Layout l = Layout.of(10, 20);
    assertEquals(1920, l.P);
    Rng rng = new Rng(9);
    float[] p = SeqGradientCheck.random(rng, l.P, 0.3f);
    float[] x = SeqGradientCheck.random(rng, 2 * 3 * 10, 1f);
    float[] y = new float[2 * 20];
    float[] cache = new float[GruKernel.cacheSize(2, 3, 20)];
    GruKernel.forward(y, cache, x, p, l.W_IH, l.W_HH, l.B_IH, l.B_HH, 2, 3, 10, 20, false);
    float[] dp = new float[l.P];
    GruKernel.backward(null, dp, SeqGradientCheck.random(rng, y.length, 1f), x, cache, p, l.W_IH, l.W_HH, l.B_IH,
        l.B_HH, 2, 3, 10, 20, false);
    for (int i = 0; i < l.P; i++) {
      assertTrue(dp[i] != 0f, "parameter " + i + " of 1920 got no gradient");
    }
  }

}
