package dev.staticnet.benchmarks.oracle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.RNN;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.staticnet.Activation;
import dev.staticnet.PoolMode;

/**
 * The layer ops the oracle tests need beyond {@link dev.staticnet.benchmarks.torch.Torch}: each calls libtorch's
 * own ATen function through DJL's JNI ({@code at::convolution}, {@code max_pool2d}, {@code avg_pool2d},
 * {@code embedding}, and the fused {@code at::rnn_tanh/rnn_relu/lstm/gru}), so autograd differentiates PyTorch's
 * own kernels. Multi-head attention is not exposed by DJL: it is composed here from {@code linear}, {@code matmul}
 * and {@code softmax} exactly as {@code F.multi_head_attention_forward} does for self-attention (packed
 * {@code in_proj_weight} rows q; k; v, heads split from the projected width, {@code out_proj}).
 * Layout as in PyTorch: NCHW images, {@code batch_first=True} sequences {@code (B, T, F)}.
 */
final class TorchNN {
  private TorchNN() {}

  /** {@code F.conv2d(x, w, b, stride, padding, dilation, groups)}; b may be null. */
  static NDArray conv2d(NDArray x, NDArray w, NDArray b, int[] stride, int[] padding, int[] dilation, int groups) {
    return JniUtils.convolution(pt(x), pt(w), b == null ? null : pt(b), shape(stride), shape(padding),
        shape(dilation), groups);
  }

  /** {@code F.max_pool2d(x, kernel, stride, padding)} (pads with −∞). */
  static NDArray maxPool2d(NDArray x, int[] kernel, int[] stride, int[] padding) {
    return JniUtils.maxPool(pt(x), shape(kernel), shape(stride), shape(padding), false);
  }

  /** {@code F.avg_pool2d(x, kernel, stride, padding)} with the default {@code count_include_pad=True}. */
  static NDArray avgPool2d(NDArray x, int[] kernel, int[] stride, int[] padding) {
    return JniUtils.avgPool(pt(x), shape(kernel), shape(stride), shape(padding), false, true);
  }

  /** {@code F.adaptive_avg_pool2d(x, 1).flatten(1)} (torchvision's ResNet head): (B, C, H, W) → (B, C). */
  static NDArray globalAvgPool(NDArray x) {
    return JniUtils.adaptiveAvgPool(pt(x), new Shape(1, 1)).reshape(x.getShape().get(0), x.getShape().get(1));
  }

  /** {@code F.embedding(ids, weight)}: ids int64 (B, T) → (B, T, dim). */
  static NDArray embedding(NDArray ids, NDArray weight) {
    return JniUtils.embedding(pt(ids), pt(weight), false);
  }

  /**
   * {@code nn.RNN(in, hidden, nonlinearity, batch_first=True)} with the given weights (gate order and names as
   * PyTorch's {@code weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0}); h0 = 0. Returns the output sequence
   * (B, T, H), or h_T (B, H) when {@code !returnSequences}.
   */
  static NDArray rnn(Activation act, NDArray x, NDArray wIh, NDArray wHh, NDArray bIh, NDArray bHh,
      boolean returnSequences) {
    RNN.Activation a = switch (act) {
      case TANH -> RNN.Activation.TANH;
      case RELU -> RNN.Activation.RELU;
      default -> throw new IllegalArgumentException("nn.RNN has no nonlinearity " + act);
    };
    NDArray h0 = zeroState(x, wHh);
    NDList out = JniUtils.rnn(pt(x), pt(h0), new NDList(wIh, wHh, bIh, bHh), true, 1, a, 0, true, false, true);
    return sequenceOrLast(out.get(0), returnSequences);
  }

  /** {@code nn.LSTM(in, hidden, batch_first=True)} (gates i, f, g, o); h0 = c0 = 0. As {@link #rnn}. */
  static NDArray lstm(NDArray x, NDArray wIh, NDArray wHh, NDArray bIh, NDArray bHh, boolean returnSequences) {
    NDArray h0 = zeroState(x, wHh);
    NDList out = JniUtils.lstm(pt(x), new NDList(h0, zeroState(x, wHh)), new NDList(wIh, wHh, bIh, bHh), true, 1,
        0, true, false, true);
    return sequenceOrLast(out.get(0), returnSequences);
  }

  /** {@code nn.GRU(in, hidden, batch_first=True)} (gates r, z, n); h0 = 0. As {@link #rnn}. */
  static NDArray gru(NDArray x, NDArray wIh, NDArray wHh, NDArray bIh, NDArray bHh, boolean returnSequences) {
    NDArray h0 = zeroState(x, wHh);
    NDList out = JniUtils.gru(pt(x), pt(h0), new NDList(wIh, wHh, bIh, bHh), true, 1, 0, true, false, true);
    return sequenceOrLast(out.get(0), returnSequences);
  }

  /**
   * {@code nn.MultiheadAttention(dim, heads, bias, batch_first=True)(x, x, x, attn_mask=causal)[0]}, composed:
   * {@code [q k v] = x·in_proj_weightᵀ + in_proj_bias}; per head {@code softmax(q kᵀ/√dh + mask) v}; heads
   * concatenated; then {@code out_proj} ({@code wOut == null}: no out projection, the concatenation is the
   * output). {@code bIn}, {@code bOut} may be null (bias = False). The causal mask adds −∞ above the diagonal,
   * as {@code nn.Transformer.generate_square_subsequent_mask} does.
   */
  static NDArray attention(NDArray x, NDArray wIn, NDArray bIn, NDArray wOut, NDArray bOut, int heads,
      boolean causal) {
    long batch = x.getShape().get(0);
    long steps = x.getShape().get(1);
    long dim = x.getShape().get(2);
    long dh = dim / heads;
    NDArray qkv = JniUtils.linear(pt(x), pt(wIn), bIn == null ? null : pt(bIn)); // (B, T, 3D)
    NDList parts = qkv.split(3, 2);
    NDArray q = splitHeads(parts.get(0), batch, steps, heads, dh); // (B, H, T, dh)
    NDArray k = splitHeads(parts.get(1), batch, steps, heads, dh);
    NDArray v = splitHeads(parts.get(2), batch, steps, heads, dh);
    NDArray scores = JniUtils.matmul(pt(q), pt(k.transpose(0, 1, 3, 2))).div((float) Math.sqrt(dh)); // (B,H,T,T)
    if (causal) {
      float[] mask = new float[(int) (steps * steps)];
      for (int i = 0; i < steps; i++) {
        for (int j = i + 1; j < steps; j++) {
          mask[i * (int) steps + j] = Float.NEGATIVE_INFINITY;
        }
      }
      scores = scores.add(x.getManager().create(mask, new Shape(steps, steps)));
    }
    NDArray ctx = JniUtils.matmul(pt(scores.softmax(-1)), pt(v)); // (B, H, T, dh)
    NDArray concat = ctx.transpose(0, 2, 1, 3).reshape(batch, steps, dim); // (B, T, D)
    return wOut == null ? concat : JniUtils.linear(pt(concat), pt(wOut), bOut == null ? null : pt(bOut));
  }

  /**
   * Pooling over the time axis of (B, T, D): {@code x.mean(1)}, {@code x[:, -1]}, {@code x[:, 0]},
   * {@code x.amax(1)}.
   */
  static NDArray sequencePool(PoolMode mode, NDArray x) {
    long steps = x.getShape().get(1);
    return switch (mode) {
      case MEAN -> x.mean(new int[] {1});
      case LAST -> x.get(":, {}, :", steps - 1);
      case FIRST -> x.get(":, 0, :");
      case MAX -> x.max(new int[] {1});
    };
  }

  /** {@code act(x)} for the fused activations of {@code @Linear}/{@code @Conv2d}. */
  static NDArray activation(Activation act, NDArray x) {
    return switch (act) {
      case NONE -> x;
      case RELU -> x.getNDArrayInternal().relu();
      case TANH -> x.tanh();
      case SIGMOID -> x.getNDArrayInternal().sigmoid();
      case GELU -> JniUtils.gelu(pt(x));
      case LEAKY_RELU -> JniUtils.leakyRelu(pt(x), 0.01);
    };
  }

  private static NDArray splitHeads(NDArray a, long batch, long steps, long heads, long dh) {
    return a.reshape(batch, steps, heads, dh).transpose(0, 2, 1, 3);
  }

  /** (num_layers = 1, B, H) zeros. */
  private static NDArray zeroState(NDArray x, NDArray wHh) {
    return x.getManager().zeros(new Shape(1, x.getShape().get(0), wHh.getShape().get(1)));
  }

  private static NDArray sequenceOrLast(NDArray seq, boolean returnSequences) {
    return returnSequences ? seq : seq.get(":, {}, :", seq.getShape().get(1) - 1);
  }

  private static Shape shape(int[] hw) {
    return new Shape(hw[0], hw[1]);
  }

  private static PtNDArray pt(NDArray a) {
    return (PtNDArray) a;
  }
}
