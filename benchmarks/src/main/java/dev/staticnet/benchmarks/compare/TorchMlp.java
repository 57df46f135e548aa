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
import java.util.List;

/**
 * The same MLP in libtorch: Linear-ReLU-Linear with {@code F.linear}, cross-entropy as log_softmax + NLL,
 * autograd through DJL's {@link GradientCollector}, plain SGD through DJL's optimiser (for momentum 0 its
 * update {@code w -= lr·g} is torch.optim.SGD's). Weights are copied from a {@link Parameters} by
 * PyTorch name; any Linear stack {@code fc1, fc2, ...} with ReLU between the layers works.
 * Each step's temporaries live in a sub-manager closed at the end of the step, as a PyTorch loop frees them.
 */
public final class TorchMlp implements AutoCloseable {
  private final Torch torch;
  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> biases = new ArrayList<>();
  private final Optimizer sgd;
  private final long in;

  /** Copies {@code fc1.weight, fc1.bias, fc2.weight, ...} from {@code source}; {@code lr} for SGD. */
  public TorchMlp(Parameters source, float lr) {
    torch = Torch.open();
    for (int layer = 1; source.names().contains("fc" + layer + ".weight"); layer++) {
      weights.add(copy(source, "fc" + layer + ".weight"));
      biases.add(copy(source, "fc" + layer + ".bias"));
    }
    in = weights.get(0).getShape().get(1);
    sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build();
  }

  private NDArray copy(Parameters source, String name) {
    int[] shape = source.shape(name);
    long[] s = new long[shape.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = shape[i];
    }
    return torch.parameter(source.get(name), s);
  }

  /** Labels as an int64 tensor, made once per batch and reused by {@link #trainStep}. */
  public NDArray labels(int[] labels) {
    return torch.labels(labels);
  }

  /** One SGD step on a batch given as a Java array (copied into a tensor, as a data loader would). */
  public float trainStep(float[] input, NDArray labels, int batch) {
    try (NDManager step = torch.manager().newSubManager()) {
      NDArray x = step.create(input, new Shape(batch, in));
      float loss;
      try (GradientCollector tape = Torch.gradients()) {
        NDArray l = Torch.crossEntropy(forward(x), labels);
        tape.backward(l);
        loss = l.getFloat();
      }
      for (int i = 0; i < weights.size(); i++) {
        update("w" + i, weights.get(i));
        update("b" + i, biases.get(i));
      }
      return loss;
    }
  }

  private void update(String id, NDArray parameter) {
    try (NDArray grad = parameter.getGradient()) { // a fresh handle per call: close it, not the gradient
      sgd.update(id, parameter, grad);
    }
  }

  /** Eval forward (no tape) into {@code output}. */
  public void predict(float[] input, int batch, float[] output) {
    try (NDManager step = torch.manager().newSubManager()) {
      NDArray y = forward(step.create(input, new Shape(batch, in)));
      float[] values = y.toFloatArray();
      System.arraycopy(values, 0, output, 0, values.length);
    }
  }

  /** Parameter {@code name} ({@code fcN.weight|bias}) as it is now. */
  public float[] get(String name) {
    int layer = Integer.parseInt(name.substring(2, name.indexOf('.'))) - 1;
    return (name.endsWith(".weight") ? weights : biases).get(layer).toFloatArray();
  }

  private NDArray forward(NDArray x) {
    NDArray h = x;
    for (int i = 0; i < weights.size(); i++) {
      h = Torch.linear(h, weights.get(i), biases.get(i));
      if (i < weights.size() - 1) {
        h = h.getNDArrayInternal().relu();
      }
    }
    return h;
  }

  @Override
  public void close() {
    torch.close();
  }
}
