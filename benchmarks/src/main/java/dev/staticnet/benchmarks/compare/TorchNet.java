package dev.staticnet.benchmarks.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.staticnet.Parameters;
import dev.staticnet.benchmarks.torch.Torch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network in libtorch mirroring a generated StaticNet model: every tensor copied from the model's
 * {@link Parameters} by PyTorch name (parameters with {@code requires_grad}, BatchNorm running statistics
 * as plain tensors), the forward pass written with libtorch's own ops by the subclass, cross-entropy as
 * log_softmax + NLL, autograd through DJL's {@link GradientCollector}, and plain SGD through DJL's optimiser
 * (for momentum 0 its update {@code w -= lr·g}, then {@code zero_grad}, is torch.optim.SGD's).
 *
 * <p>Each step's temporaries live in a sub-manager closed at the end of the step, as a PyTorch loop frees
 * them; the batch is copied from {@code float[]} into a tensor every step, as a data loader would.
 */
public abstract class TorchNet implements AutoCloseable {
  /** BatchNorm's defaults (DSL.md): momentum 0.1, eps 1e-5; LayerNorm's eps. */
  private static final float BN_MOMENTUM = 0.1f;
  private static final float EPS = 1e-5f;

  private final Torch torch;
  private final Map<String, NDArray> tensors = new LinkedHashMap<>();
  private final List<String> trainable = new ArrayList<>();
  private final Optimizer sgd;
  private final long[] inputShape;

  /**
   * Copies every tensor of {@code source} except the int64 {@code num_batches_tracked} counters.
   *
   * @param lr SGD's learning rate
   * @param inputShape one sample's input shape, e.g. {@code {1, 28, 28}}
   */
  protected TorchNet(Parameters source, float lr, long... inputShape) {
    this.inputShape = inputShape.clone();
    torch = Torch.open();
    for (String name : source.names()) {
      if (name.endsWith("num_batches_tracked")) {
        continue;
      }
      int[] shape = source.shape(name);
      long[] s = new long[shape.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = shape[i];
      }
      boolean train = source.trainable(name);
      tensors.put(name, train ? torch.parameter(source.get(name), s) : torch.tensor(source.get(name), s));
      if (train) {
        trainable.add(name);
      }
    }
    sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build();
  }

  /**
   * The forward pass on a batch; returns logits {@code (B, K)}, or {@code (B, T, K)} for one label per
   * position. {@code training} selects BatchNorm's batch statistics (and updates the running ones).
   */
  protected abstract NDArray forward(NDArray x, boolean training);

  /** The batch as a tensor of shape {@code (batch, inputShape…)}; token models override this. */
  protected NDArray input(NDManager step, float[] input, int batch) {
    return step.create(input, batchShape(batch));
  }

  /** {@code (batch, inputShape…)}. */
  protected final Shape batchShape(int batch) {
    long[] s = new long[inputShape.length + 1];
    s[0] = batch;
    System.arraycopy(inputShape, 0, s, 1, inputShape.length);
    return new Shape(s);
  }

  /** The tensor named {@code name} in the StaticNet model. */
  protected final NDArray tensor(String name) {
    NDArray t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("expected a tensor named " + name + ", the model has " + tensors.keySet());
    }
    return t;
  }

  /** The manager owning the network's tensors (for constants such as masks). */
  protected final NDManager manager() {
    return torch.manager();
  }

  /** Labels as an int64 tensor, made once per batch and reused by {@link #trainStep}. */
  public NDArray labels(int[] labels) {
    return torch.labels(labels);
  }

  /** One SGD step on a batch given as a Java array; returns the loss before the update. */
  public float trainStep(float[] input, NDArray labels, int batch) {
    try (NDManager step = torch.manager().newSubManager()) {
      NDArray x = input(step, input, batch);
      float loss;
      try (GradientCollector tape = Torch.gradients()) {
        NDArray logits = forward(x, true);
        long classes = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray l = Torch.crossEntropy(logits.reshape(-1, classes), labels);
        tape.backward(l);
        loss = l.getFloat();
      }
      for (String name : trainable) {
        NDArray p = tensors.get(name);
        try (NDArray grad = p.getGradient()) { // a fresh handle per call: close it, not the gradient
          sgd.update(name, p, grad);
        }
      }
      return loss;
    }
  }

  /** Eval forward (no tape) into {@code output}. */
  public void predict(float[] input, int batch, float[] output) {
    try (NDManager step = torch.manager().newSubManager()) {
      float[] values = forward(input(step, input, batch), false).toFloatArray();
      System.arraycopy(values, 0, output, 0, values.length);
    }
  }

  /** The tensor named {@code name} as it is now. */
  public float[] get(String name) {
    return tensor(name).toFloatArray();
  }

  // ---- layers by StaticNet step name, written with libtorch ops ----

  /** {@code F.linear(x, <step>.weight, <step>.bias)} over the last axis. */
  protected final NDArray linear(NDArray x, String step) {
    return Torch.linear(x, tensor(step + ".weight"), tensors.get(step + ".bias"));
  }

  /** {@code F.conv2d} with a square kernel, {@code <step>.weight} and (if present) {@code <step>.bias}. */
  protected final NDArray conv(NDArray x, String step, int stride, int padding) {
    return Torch.conv2d(x, tensor(step + ".weight"), tensors.get(step + ".bias"), new long[] {stride, stride},
        new long[] {padding, padding}, new long[] {1, 1}, 1);
  }

  /** {@code F.batch_norm} with {@code <step>}'s affine parameters and running statistics. */
  protected final NDArray batchNorm(NDArray x, String step, boolean training) {
    return Torch.batchNorm(x, tensor(step + ".running_mean"), tensor(step + ".running_var"),
        tensor(step + ".weight"), tensor(step + ".bias"), training, BN_MOMENTUM, EPS);
  }

  /** {@code F.layer_norm} over the last axis (length {@code width}) with {@code <step>}'s affine parameters. */
  protected final NDArray layerNorm(NDArray x, String step, long width) {
    return Torch.layerNorm(x, width, tensor(step + ".weight"), tensor(step + ".bias"), EPS);
  }

  /** {@code x.flatten(1)}. */
  protected static NDArray flatten(NDArray x) {
    return x.reshape(x.getShape().get(0), -1);
  }

  @Override
  public void close() {
    torch.close();
  }
}
