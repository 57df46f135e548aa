package dev.staticnet.kernel;

/**
 * Scaled dot-product attention of one (sample, head) pair, on the regions of an
 * {@link AttentionKernel} cache. Q_h, K_h, V_h are (T, dh) column blocks of the (T, 3D) QKV rows.
 */
final class AttentionHead {
  private AttentionHead() {}

  /** {@code P = softmax(Q Kᵀ/√dh)} (masked if causal) into probs, {@code P·V} into ctx. */
  static void forward(float[] c, AttentionKernel.Layout l, int b, int h, boolean causal) {
    int t = l.steps;
    int d3 = 3 * l.dim;
    int q = l.qkv + b * t * d3 + h * l.headDim; // Q_h (T, dh), leading dimension 3D
    int k = q + l.dim;
    int v = q + 2 * l.dim;
    int p = l.probs + (b * l.heads + h) * t * t; // P_h (T, T)
    Gemm.gemm(false, true, t, t, l.headDim, c, q, d3, c, k, d3, 0f, c, p, t);
    softmaxRows(c, p, t, (float) (1.0 / Math.sqrt(l.headDim)), causal);
    Gemm.gemm(false, false, t, l.headDim, t, c, p, t, c, v, d3, 0f, c, l.ctx + b * t * l.dim + h * l.headDim, l.dim);
  }

  /**
   * Given dO_h (T, dh) at {@code dctx[dctxOff + b·T·D + h·dh]} (leading dimension D), writes
   * dQ_h, dK_h, dV_h into the dqkv scratch: {@code dV = Pᵀ dO}, {@code dP = dO Vᵀ},
   * {@code dS = P ⊙ (dP − rowsum(P ⊙ dP)) / √dh}, {@code dQ = dS K}, {@code dK = dSᵀ Q}.
   */
  static void backward(float[] c, AttentionKernel.Layout l, float[] dctx, int dctxOff, int b, int h) {
    int t = l.steps;
    int d3 = 3 * l.dim;
    int head = b * t * d3 + h * l.headDim;
    int q = l.qkv + head;
    int k = q + l.dim;
    int v = q + 2 * l.dim;
    int dq = l.dqkv + head;
    int dk = dq + l.dim;
    int dv = dq + 2 * l.dim;
    int p = l.probs + (b * l.heads + h) * t * t;
    int dp = l.dprobs + (b * l.heads + h) * t * t;
    int dout = dctxOff + b * t * l.dim + h * l.headDim;
    Gemm.gemm(true, false, t, l.headDim, t, c, p, t, dctx, dout, l.dim, 0f, c, dv, d3);
    Gemm.gemm(false, true, t, t, l.headDim, dctx, dout, l.dim, c, v, d3, 0f, c, dp, t);
    float scale = (float) (1.0 / Math.sqrt(l.headDim));
    for (int i = 0; i < t; i++) {
      int row = i * t;
      float dot = 0f;
      for (int j = 0; j < t; j++) {
        dot += c[p + row + j] * c[dp + row + j];
      }
      for (int j = 0; j < t; j++) { // masked entries have P = 0, so their dS is 0
        c[dp + row + j] = c[p + row + j] * (c[dp + row + j] - dot) * scale;
      }
    }
    Gemm.gemm(false, false, t, l.headDim, t, c, dp, t, c, k, d3, 0f, c, dq, d3);
    Gemm.gemm(true, false, t, l.headDim, t, c, dp, t, c, q, d3, 0f, c, dk, d3);
  }

  /** Row-wise {@code softmax(scale·s)} of the (T, T) block at {@code c[p]}; causal rows see keys j ≤ i only. */
  static void softmaxRows(float[] c, int p, int t, float scale, boolean causal) {
    for (int i = 0; i < t; i++) {
      int row = p + i * t;
      int keys = causal ? i + 1 : t;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < keys; j++) {
        float s = c[row + j] * scale;
        c[row + j] = s;
        max = Math.max(max, s);
      }
      float sum = Gemm.SIMD ? SeqVector.expShifted(c, row, keys, max) : expShifted(c, row, keys, max);
      float inv = 1f / sum;
      for (int j = 0; j < keys; j++) {
        c[row + j] *= inv;
      }
      for (int j = keys; j < t; j++) {
        c[row + j] = 0f;
      }
    }
  }

  /** In place {@code c[from + j] = exp(c[from + j] − max)} for {@code j < n}; returns their sum. */
  private static float expShifted(float[] c, int from, int n, float max) {
    float sum = 0f;
    for (int j = 0; j < n; j++) {
      float e = SeqMath.exp(c[from + j] - max);
      c[from + j] = e;
      sum += e;
    }
    return sum;
  }
}
