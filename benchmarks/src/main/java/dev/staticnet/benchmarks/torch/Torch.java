package dev.staticnet.benchmarks.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * libtorch (PyTorch 2.5.1, CPU) through DJL, as the oracle of the tests and the rival of the benchmarks.
 * Tensors go in and out as flat row-major {@code float[]} with a shape; the ops below call libtorch's own
 * ATen functions (through DJL's JNI) so the numbers are PyTorch's, not a re-implementation.
 *
 * <p>Offline only: run with {@code -Dai.djl.offline=true} and {@code PYTORCH_FLAVOR=cpu}; the native library
 * is the bundled {@code pytorch-native-cpu} jar. One {@code Torch} owns an {@link NDManager}: close it to free
 * every tensor it created.
 */
public final class Torch implements AutoCloseable {
  /** The engine name DJL registers libtorch under. */
  public static final String ENGINE = "PyTorch";

  private final NDManager manager;

  private Torch(NDManager manager) {
    this.manager = manager;
  }

  /** A fresh scope for tensors (loads libtorch on first use). */
  public static Torch open() {
    return new Torch(Engine.getEngine(ENGINE).newBaseManager());
  }

  /** libtorch's version, e.g. {@code 2.5.1}. */
  public static String version() {
    return Engine.getEngine(ENGINE).getVersion();
  }

  /** Sets torch's intra-op thread count ({@code torch.set_num_threads}). */
  public static void setThreads(int threads) {
    Engine.getEngine(ENGINE); // make sure the native library is loaded
    JniUtils.setNumThreads(threads);
  }

  /** torch's intra-op thread count ({@code torch.get_num_threads}). */
  public static int threads() {
    Engine.getEngine(ENGINE);
    return JniUtils.getNumThreads();
  }

  /** Seeds libtorch's generator ({@code torch.manual_seed}). */
  public static void seed(int seed) {
    Engine.getEngine(ENGINE).setRandomSeed(seed);
  }

  /** The manager owning this scope's tensors, for ops not wrapped here. */
  public NDManager manager() {
    return manager;
  }

  /** A float32 tensor holding a copy of {@code data} (row-major) with the given shape. */
  public NDArray tensor(float[] data, long... shape) {
    Shape s = new Shape(shape);
    if (s.size() != data.length) {
      throw new IllegalArgumentException(
          "tensor of shape " + s + " needs " + s.size() + " values, got " + data.length);
    }
    return manager.create(data, s);
  }

  /** Like {@link #tensor} but with {@code requires_grad = True}, so backward fills its gradient. */
  public NDArray parameter(float[] data, long... shape) {
    NDArray p = tensor(data, shape);
    p.setRequiresGradient(true);
    return p;
  }

  /** An int64 tensor of class labels. */
  public NDArray labels(int[] labels) {
    long[] l = new long[labels.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels[i];
    }
    return manager.create(l);
  }

  /** A new autograd tape; call {@link GradientCollector#backward} on a scalar inside it, then close it. */
  public static GradientCollector gradients() {
    return Engine.getEngine(ENGINE).newGradientCollector();
  }

  /** The tensor's values, row-major. */
  public static float[] read(NDArray a) {
    return a.toFloatArray();
  }

  /** The gradient accumulated into {@code p} by the last backward. */
  public static float[] grad(NDArray p) {
    return p.getGradient().toFloatArray();
  }

  // ---- libtorch ops (ATen), named as in torch ----

  /** {@code torch.matmul(a, b)}. */
  public static NDArray matmul(NDArray a, NDArray b) {
    return JniUtils.matmul(pt(a), pt(b));
  }

  /** {@code torch.nn.functional.linear(x, w, b)}: x·Wᵀ + b, W shaped (out, in); b may be null. */
  public static NDArray linear(NDArray x, NDArray w, NDArray b) {
    return JniUtils.linear(pt(x), pt(w), b == null ? null : pt(b));
  }

  /** {@code F.gelu(x)} with the default {@code approximate='none'} (exact, erf form). */
  public static NDArray gelu(NDArray x) {
    return JniUtils.gelu(pt(x));
  }

  /** {@code F.leaky_relu(x, slope)}. */
  public static NDArray leakyRelu(NDArray x, float slope) {
    return JniUtils.leakyRelu(pt(x), slope);
  }

  /** {@code torch.softmax(x, dim=-1)}. */
  public static NDArray softmax(NDArray x) {
    return x.softmax(-1);
  }

  /** {@code torch.log_softmax(x, dim=-1)}. */
  public static NDArray logSoftmax(NDArray x) {
    return x.logSoftmax(-1);
  }

  /** {@code F.layer_norm(x, (n,), w, b, eps)} over the last axis of length n; w, b may be null. */
  public static NDArray layerNorm(NDArray x, long n, NDArray w, NDArray b, float eps) {
    NDManager m = x.getManager();
    NDArray weight = w != null ? w : m.ones(new Shape(n)); // JNI needs tensors: affine=False ≡ 1, 0
    NDArray bias = b != null ? b : m.zeros(new Shape(n));
    return JniUtils.layerNorm(pt(x), new Shape(n), pt(weight), pt(bias), eps);
  }

  /**
   * {@code F.batch_norm(x, running_mean, running_var, w, b, training, momentum, eps)}: in training mode
   * libtorch updates the running statistics in place, with PyTorch's momentum convention.
   */
  public static NDArray batchNorm(NDArray x, NDArray runningMean, NDArray runningVar, NDArray w, NDArray b,
      boolean training, float momentum, float eps) {
    // Straight to ATen: DJL's NDArrayEx.batchNorm would pass 1 − momentum (its MXNet convention).
    Shape channels = runningMean.getShape();
    NDArray weight = w != null ? w : x.getManager().ones(channels); // JNI needs tensors: affine=False ≡ 1, 0
    NDArray bias = b != null ? b : x.getManager().zeros(channels);
    return JniUtils.batchNorm(pt(x), pt(runningMean), pt(runningVar), pt(weight), pt(bias), training, momentum, eps);
  }

  /**
   * {@code F.conv2d(x, w, b, stride, padding, dilation, groups)} on NCHW input; {@code w} shaped
   * (out, in/groups, kh, kw); {@code b} may be null. Each geometry argument is {height, width}.
   */
  public static NDArray conv2d(NDArray x, NDArray w, NDArray b, long[] stride, long[] padding, long[] dilation,
      int groups) {
    return JniUtils.convolution(pt(x), pt(w), b == null ? null : pt(b), new Shape(stride), new Shape(padding),
        new Shape(dilation), groups);
  }

  /** {@code F.max_pool2d(x, kernel, stride, padding)} (floor mode); each argument is {height, width}. */
  public static NDArray maxPool2d(NDArray x, long[] kernel, long[] stride, long[] padding) {
    return JniUtils.maxPool(pt(x), new Shape(kernel), new Shape(stride), new Shape(padding), false);
  }

  /** {@code F.avg_pool2d(x, kernel, stride, padding)} (floor mode, {@code count_include_pad=True}). */
  public static NDArray avgPool2d(NDArray x, long[] kernel, long[] stride, long[] padding) {
    return JniUtils.avgPool(pt(x), new Shape(kernel), new Shape(stride), new Shape(padding), false, true);
  }

  /** {@code F.adaptive_avg_pool2d(x, 1).flatten(1)}: (B, C, H, W) → (B, C), as torchvision's ResNet head. */
  public static NDArray globalAvgPool(NDArray x) {
    NDArray pooled = JniUtils.adaptiveAvgPool(pt(x), new Shape(1, 1));
    return pooled.reshape(pooled.getShape().get(0), -1);
  }

  /** {@code F.relu(x)}. */
  public static NDArray relu(NDArray x) {
    return JniUtils.relu(pt(x));
  }

  /** {@code torch.tanh(x)}. */
  public static NDArray tanh(NDArray x) {
    return JniUtils.tanh(pt(x));
  }

  /** {@code F.embedding(ids, weight)}: rows of {@code weight} (vocab, dim) picked by the int64 {@code ids}. */
  public static NDArray embedding(NDArray ids, NDArray weight) {
    return JniUtils.embedding(pt(ids), pt(weight), false);
  }

  /**
   * {@code torch.lstm} (the fused kernel {@code nn.LSTM} calls), one layer, batch first, with both biases:
   * {@code x} (B, T, I), {@code h0} and {@code c0} (1, B, H), weights in PyTorch's gate order i, f, g, o.
   *
   * @return {@code (output (B, T, H), h_n (1, B, H), c_n (1, B, H))}, owned by {@code x}'s manager
   */
  public static NDList lstm(NDArray x, NDArray h0, NDArray c0, NDArray wIh, NDArray wHh, NDArray bIh,
      NDArray bHh, boolean training) {
    return JniUtils.lstm(pt(x), new NDList(h0, c0), new NDList(wIh, wHh, bIh, bHh), true, 1, 0.0, training, false,
        true);
  }

  /** {@code F.cross_entropy(logits, labels)} (mean): −mean(log_softmax(logits)[i, labels[i]]). */
  public static NDArray crossEntropy(NDArray logits, NDArray labels) {
    return nll(logits.logSoftmax(-1), labels);
  }

  /** {@code F.nll_loss(logp, labels)} (mean): −mean(gather(logp, 1, labels)); labels from {@link #labels}. */
  public static NDArray nll(NDArray logp, NDArray labels) {
    return logp.gather(labels.reshape(-1, 1), 1).mean().neg();
  }

  /** {@code F.mse_loss(x, y)} (mean). */
  public static NDArray mse(NDArray x, NDArray y) {
    return x.sub(y).square().mean();
  }

  /** {@code F.binary_cross_entropy_with_logits(x, y)}: mean(max(x,0) − x·y + log(1 + exp(−|x|))), torch's stable form. */
  public static NDArray bceWithLogits(NDArray x, NDArray y) {
    return x.maximum(0f).sub(x.mul(y)).add(x.abs().neg().exp().add(1f).log()).mean();
  }

  /** {@code F.binary_cross_entropy(p, y)}: −mean(y·max(log p, −100) + (1−y)·max(log(1−p), −100)). */
  public static NDArray bce(NDArray p, NDArray y) {
    NDArray logP = p.log().maximum(-100f);
    NDArray log1mP = p.neg().add(1f).log().maximum(-100f);
    return y.mul(logP).add(y.neg().add(1f).mul(log1mP)).mean().neg();
  }

  private static PtNDArray pt(NDArray a) {
    return (PtNDArray) a;
  }

  @Override
  public void close() {
    manager.close();
  }
}
