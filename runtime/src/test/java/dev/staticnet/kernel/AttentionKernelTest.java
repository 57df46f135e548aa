package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.train.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttentionKernelTest {
  private static final int B = 2;
  private static final int T = 4;
  private static final int D = 6;
  private static final int HEADS = 2;

  /** Offsets in PyTorch's state_dict order: in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias. */
  private record Offsets(int wIn, int bIn, int wOut, int bOut, int end) {
    static Offsets of(int dim, boolean bias, boolean outProjection) {
      int at = 3 * dim * dim;
      int bIn = bias ? at : -1;
      at += bias ? 3 * dim : 0;
      int wOut = outProjection ? at : -1;
      at += outProjection ? dim * dim : 0;
      int bOut = outProjection && bias ? at : -1;
      at += outProjection && bias ? dim : 0;
      return new Offsets(0, bIn, wOut, bOut, at);
    }
  }

  /** nn.MultiheadAttention(batch_first=True)(x, x, x) in double. */
  private static double[] reference(float[] x, float[] p, Offsets o, int batch, int steps, int dim, int heads,
                                    boolean causal) {
    int hd = dim / heads;
    double[] y = new double[batch * steps * dim];
    for (int b = 0; b < batch; b++) {
      double[][] qkv = new double[steps][3 * dim];
      for (int t = 0; t < steps; t++) {
        for (int r = 0; r < 3 * dim; r++) {
          double s = o.bIn >= 0 ? p[o.bIn + r] : 0;
          for (int i = 0; i < dim; i++) {
            s += p[o.wIn + r * dim + i] * x[(b * steps + t) * dim + i];
          }
          qkv[t][r] = s;
        }
      }
      double[][] ctx = new double[steps][dim];
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < steps; i++) {
          double[] s = new double[steps];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < steps; j++) {
            double dot = 0;
            for (int e = 0; e < hd; e++) {
              dot += qkv[i][h * hd + e] * qkv[j][dim + h * hd + e];
            }
            s[j] = causal && j > i ? Double.NEGATIVE_INFINITY : dot / Math.sqrt(hd);
            max = Math.max(max, s[j]);
          }
          double sum = 0;
          for (int j = 0; j < steps; j++) {
            s[j] = Math.exp(s[j] - max);
            sum += s[j];
          }
          for (int j = 0; j < steps; j++) {
            for (int e = 0; e < hd; e++) {
              ctx[i][h * hd + e] += s[j] / sum * qkv[j][2 * dim + h * hd + e];
            }
          }
        }
      }
      for (int t = 0; t < steps; t++) {
        for (int r = 0; r < dim; r++) {
          double s;
          if (o.wOut >= 0) {
            s = o.bOut >= 0 ? p[o.bOut + r] : 0;
            for (int i = 0; i < dim; i++) {
              s += p[o.wOut + r * dim + i] * ctx[t][i];
            }
          } else {
            s = ctx[t][r];
          }
          y[(b * steps + t) * dim + r] = s;
        }
      }
    }
    return y;
  }

  @ParameterizedTest
  @CsvSource({"false, true, true", "true, true, true", "false, false, true", "true, true, false",
      "true, false, false"})
  void forwardMatchesMultiheadAttention(boolean causal, boolean bias, boolean outProjection) {
    Rng rng = new Rng(81);
    Offsets o = Offsets.of(D, bias, outProjection);
    float[] x = SeqGradientCheck.random(rng, B * T * D, 1f);
    float[] p = SeqGradientCheck.random(rng, o.end, 0.5f);
    float[] y = new float[B * T * D];
    AttentionKernel.forward(y, new float[AttentionKernel.cacheSize(B, T, D, HEADS)], x, p, o.wIn, o.bIn, o.wOut,
        o.bOut, B, T, D, HEADS, causal);
    double[] ref = reference(x, p, o, B, T, D, HEADS, causal);
    for (int i = 0; i < y.length; i++) {
      assertEquals(ref[i], y[i], 2e-6, "y[" + i + "]");
    }
  }

  @ParameterizedTest
  @CsvSource({"false, true, true", "true, true, true", "false, false, true", "true, false, true",
      "false, true, false", "true, true, false", "true, false, false"})
  void backwardMatchesFiniteDifferences(boolean causal, boolean bias, boolean outProjection) {
    Rng rng = new Rng(91);
    Offsets o = Offsets.of(D, bias, outProjection);
    float[] x = SeqGradientCheck.random(rng, B * T * D, 1f);
    float[] p = SeqGradientCheck.random(rng, o.end, 0.5f);
    float[] y = new float[B * T * D];
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] cache = new float[AttentionKernel.cacheSize(B, T, D, HEADS)];
    Runnable fwd = () -> AttentionKernel.forward(y, cache, x, p, o.wIn, o.bIn, o.wOut, o.bOut, B, T, D, HEADS, causal);
    fwd.run();
    float[] dx = new float[x.length];
    float[] dp = new float[p.length];
    AttentionKernel.backward(dx, dp, r, x, cache, p, o.wIn, o.bIn, o.wOut, o.bOut, B, T, D, HEADS, causal);
    String name = "attention causal=" + causal + " bias=" + bias + " out=" + outProjection;
    SeqGradientCheck.check(name + " dx", x, dx, fwd, y, r, 1e-2, 2e-3);
    SeqGradientCheck.check(name + " dparams", p, dp, fwd, y, r, 1e-2, 2e-3);
  }

  /** 19 tokens: softmax rows of 1..19 keys run the vector exp and its scalar tail. */
  @ParameterizedTest
  @CsvSource({"true", "false"})
  void longerSequenceMatchesReferenceAndFiniteDifferences(boolean causal) {
    int steps = 19;
    Rng rng = new Rng(95);
    Offsets o = Offsets.of(D, true, true);
    float[] x = SeqGradientCheck.random(rng, B * steps * D, 1f);
    float[] p = SeqGradientCheck.random(rng, o.end, 0.5f);
    float[] y = new float[x.length];
    float[] cache = new float[AttentionKernel.cacheSize(B, steps, D, HEADS)];
    Runnable fwd = () -> AttentionKernel.forward(y, cache, x, p, o.wIn, o.bIn, o.wOut, o.bOut, B, steps, D, HEADS,
        causal);
    fwd.run();
    double[] ref = reference(x, p, o, B, steps, D, HEADS, causal);
    for (int i = 0; i < y.length; i++) {
      assertEquals(ref[i], y[i], 2e-6, "y[" + i + "]");
    }
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] dx = new float[x.length];
    float[] dp = new float[p.length];
    AttentionKernel.backward(dx, dp, r, x, cache, p, o.wIn, o.bIn, o.wOut, o.bOut, B, steps, D, HEADS, causal);
    SeqGradientCheck.check("attention T=19 causal=" + causal + " dx", x, dx, fwd, y, r, 1e-2, 2e-3);
    SeqGradientCheck.check("attention T=19 causal=" + causal + " dparams", p, dp, fwd, y, r, 1e-2, 2e-3);
  }

  /** Head size 20 over 19 tokens: the vector head products with full vectors and tails, both masks. */
  @ParameterizedTest
  @CsvSource({"true", "false"})
  void wideHeadsMatchReferenceAndFiniteDifferences(boolean causal) {
    int steps = 19;
    int dim = 40;
    int heads = 2;
    Rng rng = new Rng(96);
    Offsets o = Offsets.of(dim, true, true);
    float[] x = SeqGradientCheck.random(rng, B * steps * dim, 1f);
    float[] p = SeqGradientCheck.random(rng, o.end, 0.3f);
    float[] y = new float[x.length];
    float[] cache = new float[AttentionKernel.cacheSize(B, steps, dim, heads)];
    Runnable fwd = () -> AttentionKernel.forward(y, cache, x, p, o.wIn, o.bIn, o.wOut, o.bOut, B, steps, dim, heads,
        causal);
    fwd.run();
    double[] ref = reference(x, p, o, B, steps, dim, heads, causal);
    for (int i = 0; i < y.length; i++) {
      assertEquals(ref[i], y[i], 5e-6, "y[" + i + "]");
    }
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    float[] dx = new float[x.length];
    float[] dp = new float[p.length];
    AttentionKernel.backward(dx, dp, r, x, cache, p, o.wIn, o.bIn, o.wOut, o.bOut, B, steps, dim, heads, causal);
    SeqGradientCheck.check("attention dh=20 causal=" + causal + " dx", x, dx, fwd, y, r, 1e-2, 2e-3);
    SeqGradientCheck.check("attention dh=20 causal=" + causal + " dparams", p, dp, fwd, y, r, 1e-2, 2e-3);
  }

  @Test
  void causalFirstTokenAttendsOnlyToItself() {
    Rng rng = new Rng(5);
    Offsets o = Offsets.of(D, false, false);
    float[] x = SeqGradientCheck.random(rng, T * D, 1f);
    float[] p = SeqGradientCheck.random(rng, o.end, 0.5f);
    float[] y = new float[T * D];
    float[] cache = new float[AttentionKernel.cacheSize(1, T, D, 1)];
    AttentionKernel.forward(y, cache, x, p, o.wIn, o.bIn, o.wOut, o.bOut, 1, T, D, 1, true);
    int probs = 3 * T * D; // cache layout: QKV (T, 3D) then the probabilities (heads, T, T)
    assertEquals(1f, cache[probs], 0f);
    for (int i = 0; i < T; i++) {
      for (int j = i + 1; j < T; j++) {
        assertEquals(0f, cache[probs + i * T + j], 0f, "P[" + i + ", " + j + "]");
      }
    }
    for (int e = 0; e < D; e++) { // y_0 = V_0 (no bias, no out projection)
      double v = 0;
      for (int i = 0; i < D; i++) {
        v += p[2 * D * D + e * D + i] * x[i];
      }
      assertEquals(v, y[e], 1e-6);
    }
  }

  /**
   * Seed 004, "Attention and Transformers": "The red panda is cute." with the seed's X, W_Q, W_K, W_V
   * (d_model = 3, one head, no bias, no out projection). The seed computes Q = X·W_Q; PyTorch computes
   * x·Wᵀ, so in_proj_weight holds W_Qᵀ; W_Kᵀ; W_Vᵀ.
   */
  @Test
  void seedRedPandaForwardPass() {
    int t = 5;
    int d = 3;
    float[] x = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1}; // (5, 3)
    float s3 = (float) Math.sqrt(3);
    float[][] wq = {{0, 0, 0}, {1, 0, 0}, {0, 0, 0}};
    float[][] wk = {{s3 * (float) Math.log(80), 0, 0}, {0, 0, 0}, {s3 * (float) Math.log(17), 0, 0}};
    float[][] wv = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    float[] p = new float[3 * d * d]; // in_proj_weight (3d, d) = [W_Qᵀ; W_Kᵀ; W_Vᵀ]
    float[][][] ws = {wq, wk, wv};
    for (int m = 0; m < 3; m++) {
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          p[m * d * d + r * d + c] = ws[m][c][r];
        }
      }
    }
    float[] y = new float[t * d];
    float[] cache = new float[AttentionKernel.cacheSize(1, t, d, 1)];
    AttentionKernel.forward(y, cache, x, p, 0, -1, -1, -1, 1, t, d, 1, false);

    // (a) Q, K, V: only "panda" has a query, only "red" and "cute" have keys, V = X
    double ln80 = Math.log(80);
    double ln17 = Math.log(17);
    double[][] q = {{0, 0, 0}, {0, 0, 0}, {1, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    double[][] k = {{0, 0, 0}, {Math.sqrt(3) * ln80, 0, 0}, {0, 0, 0}, {0, 0, 0}, {Math.sqrt(3) * ln17, 0, 0}};
    for (int i = 0; i < t; i++) {
      for (int c = 0; c < d; c++) {
        assertEquals(q[i][c], cache[i * 3 * d + c], 1e-6, "Q[" + i + ", " + c + "]");
        assertEquals(k[i][c], cache[i * 3 * d + d + c], 1e-5, "K[" + i + ", " + c + "]");
        assertEquals(x[i * d + c], cache[i * 3 * d + 2 * d + c], 0, "V[" + i + ", " + c + "]");
      }
    }
    // (b) scaled scores QKᵀ/√3: the "panda" row is [0, ln 80, 0, 0, ln 17], every other row 0
    float[] scores = new float[t * t];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        double dot = 0;
        for (int c = 0; c < d; c++) {
          dot += cache[i * 3 * d + c] * cache[j * 3 * d + d + c];
        }
        scores[i * t + j] = (float) (dot / Math.sqrt(d));
      }
    }
    assertEquals(ln80, scores[2 * t + 1], 1e-5);
    assertEquals(ln17, scores[2 * t + 4], 1e-5);
    assertEquals(0, scores[2 * t], 0);
    assertEquals(0, scores[t + 4], 0);
    // (c) softmax: "panda" attends [0.01, 0.8, 0.01, 0.01, 0.17]; every other row is uniform 0.2
    int probs = 3 * t * d;
    double[] panda = {0.01, 0.8, 0.01, 0.01, 0.17};
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        double expected = i == 2 ? panda[j] : 0.2;
        assertEquals(expected, cache[probs + i * t + j], 1e-6, "softmax[" + i + ", " + j + "]");
      }
    }
    // (d) output: "panda" → [0.8, 0.01, 0.17], every other word → [0.2, 0.2, 0.2]
    for (int i = 0; i < t; i++) {
      for (int c = 0; c < d; c++) {
        double expected = i == 2 ? new double[] {0.8, 0.01, 0.17}[c] : 0.2;
        assertEquals(expected, y[i * d + c], 1e-6, "Attention[" + i + ", " + c + "]");
      }
    }
  }

  /**
   * nn.MultiheadAttention(512, 8) has 4·512² + 4·512 = 1,050,624 parameters (issue 4): the kernel
   * reads and trains exactly those, in PyTorch's state_dict order.
   */
  @Test
  void torchMultiheadAttention512x8UsesExactly1050624Parameters() {
    int dim = 512;
    Offsets o = Offsets.of(dim, true, true);
    assertEquals(1_050_624, o.end);
    Rng rng = new Rng(10);
    float[] p = SeqGradientCheck.random(rng, o.end, 0.05f);
    float[] x = SeqGradientCheck.random(rng, 3 * dim, 1f); // one sample, 3 tokens
    float[] y = new float[x.length];
    float[] cache = new float[AttentionKernel.cacheSize(1, 3, dim, 8)];
    AttentionKernel.forward(y, cache, x, p, o.wIn, o.bIn, o.wOut, o.bOut, 1, 3, dim, 8, false);
    float[] dp = new float[o.end];
    AttentionKernel.backward(null, dp, SeqGradientCheck.random(rng, y.length, 1f), x, cache, p, o.wIn, o.bIn,
        o.wOut, o.bOut, 1, 3, dim, 8, false);
    int keyBias = o.bIn + dim; // in_proj_bias's key part: softmax ignores a score added to a whole row
    for (int i = 0; i < o.end; i++) {
      if (i >= keyBias && i < keyBias + dim) {
        assertEquals(0f, dp[i], 1e-5f, "key bias gradient " + (i - keyBias) + " is 0 up to rounding");
      } else if (dp[i] == 0f) {
        throw new AssertionError("parameter " + i + " of 1,050,624 got no gradient");
      }
    }
  }


  @Test
  void rejectsHeadsThatDoNotDivideDim() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttentionKernel.forward(
        new float[T * D], new float[AttentionKernel.cacheSize(1, T, D, 4)], new float[T * D], new float[4 * D * D],
        0, -1, -1, -1, 1, T, D, 4, false));
    assertTrue(e.getMessage().contains("heads must divide dim, got dim 6, heads 4"), e.getMessage());
  }
}
