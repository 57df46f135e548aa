package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.staticnet.train.Rng;
import org.junit.jupiter.api.Test;

class PositionalEmbeddingKernelTest {
  private static final int B = 3;
  private static final int T = 4;
  private static final int D = 2;
  private static final int OFF = 5;

  @Test
  void forwardAddsThePositionRowToEverySample() {
    Rng rng = new Rng(1);
    float[] x = SeqGradientCheck.random(rng, B * T * D, 1f);
    float[] p = SeqGradientCheck.random(rng, OFF + T * D, 1f);
    float[] y = new float[x.length];
    PositionalEmbeddingKernel.forward(y, x, p, OFF, B, T, D);
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < T; t++) {
        for (int j = 0; j < D; j++) {
          int i = (b * T + t) * D + j;
          assertEquals(x[i] + p[OFF + t * D + j], y[i], 0f);
        }
      }
    }
    float[] inPlace = x.clone();
    PositionalEmbeddingKernel.forward(inPlace, inPlace, p, OFF, B, T, D);
    for (int i = 0; i < y.length; i++) {
      assertEquals(y[i], inPlace[i], 0f);
    }
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    Rng rng = new Rng(2);
    float[] x = SeqGradientCheck.random(rng, B * T * D, 1f);
    float[] p = SeqGradientCheck.random(rng, OFF + T * D, 1f);
    float[] y = new float[x.length];
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    Runnable fwd = () -> PositionalEmbeddingKernel.forward(y, x, p, OFF, B, T, D);
    fwd.run();
    float[] dx = new float[x.length];
    float[] dp = new float[p.length];
    PositionalEmbeddingKernel.backward(dx, dp, r, OFF, B, T, D);
    SeqGradientCheck.check("positional dx", x, dx, fwd, y, r, 1e-2, 1e-4);
    SeqGradientCheck.check("positional dW", p, dp, fwd, y, r, 1e-2, 1e-4);
    for (int i = 0; i < OFF; i++) {
      assertEquals(0f, dp[i], "parameters before the offset are untouched");
    }
  }
}
