package dev.staticnet.kernel;

/**
 * Scaled dot-product attention of one (sample, head) pair, on the regions of an
 * {@link AttentionKernel} cache. Q_h, K_h, V_h are (T, dh) column blocks of the (T, 3D) QKV rows.
 */
final class AttentionHead {
  private AttentionHead() {}

  /** {@code P = softmax(Q Kᵀ/√dh)} (masked if causal) into probs, {@code P·V} into ctx. */
  static void forward(float[] c, AttentionKernel.Layout l, int b, int h, boolean causal) {
    if (Gemm.SIMD) {
      forwardVector(c, l, b, h, causal);
      return;
    }
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
  static void backward(float[] c, AttentionKernel.Layout l, float[] dctx, int dctxOff, int b, int h,
                       boolean causal) {
    if (Gemm.SIMD) {
      backwardVector(c, l, dctx, dctxOff, b, h, causal);
      return;
    }
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
    scoreGradients(c, p, dp, t, (float) (1.0 / Math.sqrt(l.headDim)));
    Gemm.gemm(false, false, t, l.headDim, t, c, dp, t, c, k, d3, 0f, c, dq, d3);
    Gemm.gemm(true, false, t, l.headDim, t, c, dp, t, c, q, d3, 0f, c, dk, d3);
  }

  /** In place over the (T, T) block dP at {@code c[dp]}: {@code dS = P ⊙ (dP − rowsum(P ⊙ dP)) · scale}. */
  private static void scoreGradients(float[] c, int p, int dp, int t, float scale) {
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
  }

  /** Per-thread (dh, T) buffer for a transposed K or V block; grown on demand, then reused. */
  private static final ThreadLocal<float[][]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[1][0]);

  private static float[] transposedBuffer(int size) {
    float[][] holder = TRANSPOSED.get();
    if (holder[0].length < size) {
      holder[0] = new float[size];
    }
    return holder[0];
  }

  /** {@link #forward} on the Vector API: scores from Kᵀ (dh, T) row by row, then P·V row by row. */
  private static void forwardVector(float[] c, AttentionKernel.Layout l, int b, int h, boolean causal) {
    int t = l.steps;
    int dh = l.headDim;
    int d3 = 3 * l.dim;
    int q = l.qkv + b * t * d3 + h * dh;
    int k = q + l.dim;
    int v = q + 2 * l.dim;
    int p = l.probs + (b * l.heads + h) * t * t;
    int ctx = l.ctx + b * t * l.dim + h * dh;
    float[] kT = transposedBuffer(dh * t);                   // (dh, T)
    SeqMath.transpose(kT, 0, c, k, t, dh, d3);
    float scale = (float) (1.0 / Math.sqrt(dh));
    int i = 0;
    for (; i + 4 <= t; i += 4) { // four query rows at a time, as far as the last one's keys reach
      int keys = causal ? i + 4 : t;
      AttentionVector.rowsTimesMatrix4(c, p + i * t, t, AttentionVector.wholeVectors(keys, t), c, q + i * d3, d3, 1,
          dh, kT, 0, t);
      for (int r = i; r < i + 4; r++) {
        softmaxRow(c, p + r * t, causal ? r + 1 : t, t, scale);
      }
      // P·V: the earlier rows' probabilities are 0 beyond their own keys (softmaxRow), adding nothing
      AttentionVector.rowsTimesMatrix4(c, ctx + i * l.dim, l.dim, dh, c, p + i * t, t, 1, keys, c, v, d3);
    }
    for (; i < t; i++) {
      int keys = causal ? i + 1 : t;
      int row = p + i * t;
      // s_i = Q_i·Kᵀ; a causal row also scores masked keys up to a whole vector (softmaxRow zeroes them)
      AttentionVector.rowTimesMatrix(c, row, AttentionVector.wholeVectors(keys, t), c, q + i * d3, 1, dh, kT, 0, t);
      softmaxRow(c, row, keys, t, scale);
      AttentionVector.rowTimesMatrix(c, ctx + i * l.dim, dh, c, row, 1, keys, c, v, d3); // P_i·V
    }
  }

  /** {@link #backward} on the Vector API, every product as rows times small matrices. */
  private static void backwardVector(float[] c, AttentionKernel.Layout l, float[] dctx, int dctxOff, int b, int h,
                                     boolean causal) {
    int t = l.steps;
    int dh = l.headDim;
    int d3 = 3 * l.dim;
    int head = b * t * d3 + h * dh;
    int q = l.qkv + head;
    int k = q + l.dim;
    int v = q + 2 * l.dim;
    int dq = l.dqkv + head;
    int dk = dq + l.dim;
    int dv = dq + 2 * l.dim;
    int p = l.probs + (b * l.heads + h) * t * t;
    int dp = l.dprobs + (b * l.heads + h) * t * t;
    int dout = dctxOff + b * t * l.dim + h * dh;
    float[] vT = transposedBuffer(dh * t);                   // (dh, T)
    SeqMath.transpose(vT, 0, c, v, t, dh, d3);
    // Four rows at a time where possible (rowsTimesMatrix4). A causal group of four takes the widest
    // range of its rows; the terms it adds beyond a row's own range have P = 0 or dS = 0 (masked).
    int g = t / 4 * 4;
    for (int i = 0; i < g; i += 4) { // dP_i = dO_i·Vᵀ (masked keys: P = 0, so dS = 0 whatever dP is)
      AttentionVector.rowsTimesMatrix4(c, dp + i * t, t, t, dctx, dout + i * l.dim, l.dim, 1, dh, vT, 0, t);
    }
    for (int i = g; i < t; i++) {
      AttentionVector.rowTimesMatrix(c, dp + i * t, t, dctx, dout + i * l.dim, 1, dh, vT, 0, t);
    }
    for (int j = 0; j < g; j += 4) { // dV_j = Σ_i P_ij dO_i, over the queries that see key j
      int from = causal ? j : 0;
      AttentionVector.rowsTimesMatrix4(c, dv + j * d3, d3, dh, c, p + from * t + j, 1, t, t - from,
          dctx, dout + from * l.dim, l.dim);
    }
    for (int j = g; j < t; j++) {
      int from = causal ? j : 0;
      AttentionVector.rowTimesMatrix(c, dv + j * d3, dh, c, p + from * t + j, t, t - from,
          dctx, dout + from * l.dim, l.dim);
    }
    scoreGradients(c, p, dp, t, (float) (1.0 / Math.sqrt(dh)));
    for (int i = 0; i < g; i += 4) { // dQ_i = Σ_j dS_ij K_j
      AttentionVector.rowsTimesMatrix4(c, dq + i * d3, d3, dh, c, dp + i * t, t, 1, causal ? i + 4 : t, c, k, d3);
    }
    for (int i = g; i < t; i++) {
      AttentionVector.rowTimesMatrix(c, dq + i * d3, dh, c, dp + i * t, 1, causal ? i + 1 : t, c, k, d3);
    }
    for (int j = 0; j < g; j += 4) { // dK_j = Σ_i dS_ij Q_i
      int from = causal ? j : 0;
      AttentionVector.rowsTimesMatrix4(c, dk + j * d3, d3, dh, c, dp + from * t + j, 1, t, t - from,
          c, q + from * d3, d3);
    }
    for (int j = g; j < t; j++) {
      int from = causal ? j : 0;
      AttentionVector.rowTimesMatrix(c, dk + j * d3, dh, c, dp + from * t + j, t, t - from,
          c, q + from * d3, d3);
    }
  }

  /** Row-wise {@code softmax(scale·s)} of the (T, T) block at {@code c[p]}; causal rows see keys j ≤ i only. */
  static void softmaxRows(float[] c, int p, int t, float scale, boolean causal) {
    for (int i = 0; i < t; i++) {
      softmaxRow(c, p + i * t, causal ? i + 1 : t, t, scale);
    }
  }

  /** {@code softmax(scale·s)} over the first {@code keys} of the {@code t} entries at {@code c[row]}; the rest 0. */
  private static void softmaxRow(float[] c, int row, int keys, int t, float scale) {
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
