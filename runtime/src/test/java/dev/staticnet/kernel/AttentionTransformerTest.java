package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Activation;
import dev.staticnet.train.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A tiny causal language model built from the runtime kernels exactly as generated code would call
 * them: Embedding → PositionalEmbedding → 2 × [x + MHA(LN(x)) ; x + W2·GELU(W1·LN(x))] → Linear →
 * cross-entropy over (T, V) with one label per position. The gradient of the mean loss with respect
 * to every parameter is checked against central differences.
 */
class AttentionTransformerTest {
  private static final int B = 2;
  private static final int T = 5;
  private static final int V = 7;
  private static final int D = 8;
  private static final int HEADS = 2;
  private static final int F = 16;
  private static final int BLOCKS = 2;
  private static final int ROWS = B * T;
  private static final float EPS = 1e-5f;

  /** Parameter offsets of one block, PyTorch order within each layer. */
  private record Block(int ln1W, int ln1B, int wIn, int bIn, int wOut, int bOut, int ln2W, int ln2B,
                       int fc1W, int fc1B, int fc2W, int fc2B, int end) {
    static Block at(int o) {
      int ln1W = o;
      int ln1B = ln1W + D;
      int wIn = ln1B + D;
      int bIn = wIn + 3 * D * D;
      int wOut = bIn + 3 * D;
      int bOut = wOut + D * D;
      int ln2W = bOut + D;
      int ln2B = ln2W + D;
      int fc1W = ln2B + D;
      int fc1B = fc1W + F * D;
      int fc2W = fc1B + F;
      int fc2B = fc2W + D * F;
      return new Block(ln1W, ln1B, wIn, bIn, wOut, bOut, ln2W, ln2B, fc1W, fc1B, fc2W, fc2B, fc2B + D);
    }
  }

  /** Activations and caches of one block. */
  private static final class BlockState {
    final float[] in = new float[ROWS * D];       // (B, T, D) block input
    final float[] a = new float[ROWS * D];        // LN1(in)
    final float[] mean1 = new float[ROWS];
    final float[] rstd1 = new float[ROWS];
    final float[] att = new float[ROWS * D];      // MHA(a)
    final float[] cache = new float[AttentionKernel.cacheSize(B, T, D, HEADS)];
    final float[] mid = new float[ROWS * D];      // in + att
    final float[] b = new float[ROWS * D];        // LN2(mid)
    final float[] mean2 = new float[ROWS];
    final float[] rstd2 = new float[ROWS];
    final float[] f1 = new float[ROWS * F];       // W1·b + b1
    final float[] g = new float[ROWS * F];        // GELU(f1)
    final float[] f2 = new float[ROWS * D];       // W2·g + b2
  }

  private final int emb = 0;
  private final int pos = V * D;
  private final Block[] blocks = new Block[BLOCKS];
  private final int headW;
  private final int headB;
  private final float[] params;
  private final float[] ids = {1, 4, 4, 0, 6, 2, 2, 5, 3, 1};
  private final int[] labels = {4, 4, 0, 6, 2, 2, 5, 3, 1, 0};
  private final float[] x0 = new float[ROWS * D];
  private final BlockState[] states = new BlockState[BLOCKS];
  private final float[] out = new float[ROWS * D];
  private final float[] logits = new float[ROWS * V];

  AttentionTransformerTest() {
    int at = pos + T * D;
    for (int k = 0; k < BLOCKS; k++) {
      blocks[k] = Block.at(at);
      at = blocks[k].end;
      states[k] = new BlockState();
    }
    headW = at;
    headB = headW + V * D;
    params = SeqGradientCheck.random(new Rng(2024), headB + V, 0.5f);
    for (Block bl : blocks) { // LayerNorm weights near 1
      for (int j = 0; j < D; j++) {
        params[bl.ln1W + j] += 1f;
        params[bl.ln2W + j] += 1f;
      }
    }
  }

  private float forward() {
    EmbeddingKernel.forward(x0, ids, params, emb, B, T, V, D);
    PositionalEmbeddingKernel.forward(x0, x0, params, pos, B, T, D);
    float[] h = x0;
    for (int k = 0; k < BLOCKS; k++) {
      Block bl = blocks[k];
      BlockState s = states[k];
      System.arraycopy(h, 0, s.in, 0, h.length);
      LayerNormKernel.forward(s.a, s.mean1, s.rstd1, s.in, params, bl.ln1W, bl.ln1B, ROWS, D, EPS);
      AttentionKernel.forward(s.att, s.cache, s.a, params, bl.wIn, bl.bIn, bl.wOut, bl.bOut, B, T, D, HEADS, true);
      Tensors.add(s.mid, s.in, s.att, ROWS * D);
      LayerNormKernel.forward(s.b, s.mean2, s.rstd2, s.mid, params, bl.ln2W, bl.ln2B, ROWS, D, EPS);
      Dense.forward(s.f1, s.b, params, bl.fc1W, bl.fc1B, ROWS, D, F);
      Activations.forward(Activation.GELU, s.g, s.f1, ROWS * F, 0f);
      Dense.forward(s.f2, s.g, params, bl.fc2W, bl.fc2B, ROWS, F, D);
      float[] next = k + 1 < BLOCKS ? new float[ROWS * D] : out;
      Tensors.add(next, s.mid, s.f2, ROWS * D);
      h = next;
    }
    Dense.forward(logits, out, params, headW, headB, ROWS, D, V);
    return Losses.crossEntropy(null, logits, labels, ROWS, V);
  }

  private float[] backward() {
    float[] dparams = new float[params.length];
    float[] dlogits = new float[ROWS * V];
    Losses.crossEntropy(dlogits, logits, labels, ROWS, V);
    float[] dh = new float[ROWS * D];
    Dense.backward(dh, dparams, dlogits, out, params, headW, headB, ROWS, D, V);
    for (int k = BLOCKS - 1; k >= 0; k--) {
      Block bl = blocks[k];
      BlockState s = states[k];
      float[] dmid = dh.clone();                      // residual: d(mid) gets dh directly
      float[] dg = new float[ROWS * F];
      Dense.backward(dg, dparams, dh, s.g, params, bl.fc2W, bl.fc2B, ROWS, F, D);
      float[] df1 = new float[ROWS * F];
      Activations.backward(Activation.GELU, df1, dg, s.f1, s.g, ROWS * F, 0f);
      float[] db = new float[ROWS * D];
      Dense.backward(db, dparams, df1, s.b, params, bl.fc1W, bl.fc1B, ROWS, D, F);
      LayerNormKernel.backward(dmid, dparams, db, s.mid, s.mean2, s.rstd2, params, bl.ln2W, bl.ln2B, ROWS, D);
      float[] din = dmid.clone();                     // residual: d(in) gets d(mid) directly
      float[] da = new float[ROWS * D];
      AttentionKernel.backward(da, dparams, dmid, s.a, s.cache, params, bl.wIn, bl.bIn, bl.wOut, bl.bOut,
          B, T, D, HEADS, true);
      LayerNormKernel.backward(din, dparams, da, s.in, s.mean1, s.rstd1, params, bl.ln1W, bl.ln1B, ROWS, D);
      dh = din;
    }
    PositionalEmbeddingKernel.backward(null, dparams, dh, pos, B, T, D);
    EmbeddingKernel.backward(dparams, dh, ids, emb, B, T, V, D);
    return dparams;
  }

  @Test
  void twoBlockCausalTransformerGradientsMatchFiniteDifferences() {
    forward();
    float[] analytic = backward();
    double eps = 1e-2;
    double worst = 0;
    int worstAt = -1;
    for (int i = 0; i < params.length; i++) {
      float saved = params[i];
      float plus = (float) (saved + eps);
      float minus = (float) (saved - eps);
      params[i] = plus;
      double lp = forward();
      params[i] = minus;
      double lm = forward();
      params[i] = saved;
      double fd = (lp - lm) / ((double) plus - minus);
      double err = Math.abs(fd - analytic[i]) / Math.max(0.1, Math.abs(fd));
      if (err > worst) {
        worst = err;
        worstAt = i;
      }
    }
    System.out.println("2-block transformer: " + params.length + " parameters, worst relative difference " + worst
        + " at " + worstAt);
    assertTrue(worst < 5e-3, "worst relative difference " + worst + " at parameter " + worstAt
        + " (backward " + analytic[worstAt] + ")");
    // every id occurs in the batch, so every embedding row gets a gradient
    assertTrue(Arrays.stream(new int[] {0, 1, 2, 3, 4, 5, 6}).allMatch(v -> analytic[emb + v * D] != 0f));
  }
}
