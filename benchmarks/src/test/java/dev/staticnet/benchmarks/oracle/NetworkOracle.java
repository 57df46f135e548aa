package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.TensorCheck.check;
import static dev.staticnet.benchmarks.oracle.TensorCheck.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.staticnet.GeneratedModel;
import dev.staticnet.Loss;
import dev.staticnet.Optimizer;
import dev.staticnet.Parameters;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.train.Rng;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a generated network against the same network written with libtorch ops ({@link TorchNet}), both
 * holding the same tensors: the PyTorch side is built from {@link GeneratedModel#parameters()} by
 * {@code state_dict} name. Compared, llm.c-style ({@link TensorCheck}):
 * <ul>
 *   <li>the eval-mode forward output ({@code predict}), rel ≤ 1e-4;</li>
 *   <li>in eval and in train mode: the loss, the gradient of every trainable tensor and of the input, ≤ 1e-3;</li>
 *   <li>after the train-mode pass: BatchNorm running statistics (≤ 1e-4) and {@code num_batches_tracked};</li>
 *   <li>for {@code MSE} networks, the train-mode forward output: the generated model has no public train-mode
 *       forward, so its {@code loss(x, targets = PyTorch's train output, training = true)} — the mean squared
 *       difference of the two outputs — must be ≤ (1e-4 · rms of PyTorch's output)²;</li>
 *   <li>{@link #optimizerStep}: the weights after one optimiser step.</li>
 * </ul>
 */
final class NetworkOracle {
  static final double FWD = 1e-4;
  static final double GRAD = 1e-3;

  private NetworkOracle() {}

  /** The PyTorch side of a network: its forward from tensors named as in {@code state_dict}. */
  @FunctionalInterface
  interface TorchNet {
    NDArray forward(Map<String, NDArray> p, NDArray x, boolean training);
  }

  /**
   * One batch: the flat input ({@code tokens}: integer ids as floats), the network's loss, and either class
   * labels ({@code CROSS_ENTROPY}/{@code NLL} over the last axis, one label per position) or float targets.
   */
  record Batch(float[] x, long[] inputShape, boolean tokens, Loss loss, int[] labels, float[] targets) {
    int batch() {
      return (int) inputShape[0];
    }
  }

  /** Every check of the class comment except the optimiser step. */
  static void compare(String name, GeneratedModel model, TorchNet net, Batch b) {
    evalForward(name, model, net, b);
    gradients(name + " eval", model, net, b, false);
    gradients(name + " train", model, net, b, true);
    if (b.loss() == Loss.MSE) {
      trainForward(name, model, net, b);
    }
  }

  /** {@code predict} against PyTorch's eval-mode forward. */
  static void evalForward(String name, GeneratedModel model, TorchNet net, Batch b) {
    try (Torch t = Torch.open()) {
      NDArray y = net.forward(tensors(t, model.parameters(), false), input(t, b, false), false);
      check(name + " eval output", Torch.read(y), model.predict(b.x(), b.batch()), FWD);
    }
  }

  /** Loss and every gradient in one mode; in train mode also the BatchNorm buffers afterwards. */
  static void gradients(String name, GeneratedModel model, TorchNet net, Batch b, boolean training) {
    Parameters params = model.parameters();
    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      Map<String, NDArray> p = tensors(t, params, true);
      Map<String, Float> counters = counters(params);
      Map<String, float[]> buffersBefore = new LinkedHashMap<>();
      for (String n : p.keySet()) {
        if (!params.trainable(n)) {
          buffersBefore.put(n, params.get(n));
        }
      }
      NDArray x = input(t, b, !b.tokens());
      NDArray loss = loss(t, net.forward(p, x, training), b);
      tape.backward(loss);

      float actual = model.gradients(b.x(), b.labels(), b.targets(), b.batch(), training);
      check(name + " loss", Torch.read(loss), scalar(actual), FWD);
      for (String n : params.names()) {
        if (params.trainable(n)) {
          check(name + " d" + n, Torch.grad(p.get(n)), model.gradient(n), GRAD);
        }
      }
      if (!b.tokens()) {
        check(name + " d(input)", Torch.grad(x), model.inputGradient(), GRAD);
      }
      for (String n : params.names()) {
        if (!params.trainable(n) && p.containsKey(n)) { // running statistics, updated in place by libtorch
          float[] after = params.get(n);
          check(name + " " + n, Torch.read(p.get(n)), after, FWD);
          assertEquals(training, !Arrays.equals(buffersBefore.get(n), after), n + " moved in train mode only");
        }
      }
      counters.forEach((n, before) -> assertEquals(before + (training ? 1 : 0), params.get(n)[0], n));
    }
  }

  /** The train-mode output through the MSE loss against PyTorch's train-mode output (see the class comment). */
  static void trainForward(String name, GeneratedModel model, TorchNet net, Batch b) {
    try (Torch t = Torch.open()) {
      float[] expected = Torch.read(net.forward(tensors(t, model.parameters(), false), input(t, b, false), true));
      double meanSquare = 0;
      for (float e : expected) {
        meanSquare += (double) e * e;
      }
      double rms = Math.sqrt(meanSquare / expected.length);
      double rmsDiff = Math.sqrt(model.loss(b.x(), null, expected, b.batch(), true));
      System.out.printf("%-40s n=%-7d rms diff %.3e  rel to rms %.3e%n", name + " train output", expected.length,
          rmsDiff, rmsDiff / rms);
      assertTrue(rmsDiff <= FWD * rms, name + " train output: rms diff " + rmsDiff + " > 1e-4 * rms " + rms);
    }
  }

  /** An optimiser's update of one tensor as torch.optim computes it on its first step. */
  @FunctionalInterface
  interface FirstStep {
    NDArray apply(NDArray p, NDArray g);
  }

  /**
   * One {@code trainStep} with {@code optimizer} against the PyTorch gradients (train mode) fed to {@code rule},
   * for every trainable tensor, with {@link TensorCheck#checkUpdate}: the weights after the step differ by at
   * most 1e-3 of the update, beyond float32 rounding of the weights themselves.
   *
   * <p>{@code scaleFree}: Adam's first step moves each weight by {@code lr·g/(|g| + eps)} ≈ ±lr whatever |g|,
   * so a gradient that is float32 rounding noise (|g| &lt; 1e-4·max|g| of its tensor — e.g. the key bias of
   * attention, whose exact gradient is 0 because softmax ignores a shift shared by a row) moves by ±lr on
   * either side with an arbitrary sign. Such elements are left out of the comparison (and counted); their
   * update must still be bounded by the tensor's largest expected update.
   */
  static void optimizerStep(String name, GeneratedModel model, TorchNet net, Batch b, Optimizer optimizer,
      FirstStep rule, boolean scaleFree) {
    Parameters params = model.parameters();
    Map<String, float[]> before = new LinkedHashMap<>();
    for (String n : params.names()) {
      if (params.trainable(n)) {
        before.put(n, params.get(n));
      }
    }
    Map<String, float[]> expected = new LinkedHashMap<>();
    Map<String, boolean[]> noise = new LinkedHashMap<>();
    try (Torch t = Torch.open()) {
      try (GradientCollector tape = Torch.gradients()) {
        Map<String, NDArray> p = tensors(t, params, true);
        tape.backward(loss(t, net.forward(p, input(t, b, false), true), b));
        for (String n : before.keySet()) {
          long[] shape = p.get(n).getShape().getShape();
          float[] g = Torch.grad(p.get(n));
          expected.put(n, Torch.read(rule.apply(t.tensor(before.get(n), shape), t.tensor(g, shape))));
          noise.put(n, scaleFree ? noiseLevel(g) : new boolean[g.length]);
        }
      }
    }
    if (b.labels() != null) {
      model.trainStep(b.x(), b.labels(), b.batch(), optimizer);
    } else {
      model.trainStep(b.x(), b.targets(), b.batch(), optimizer);
    }
    for (String n : before.keySet()) {
      TensorCheck.checkUpdate(name + " step " + n, before.get(n), expected.get(n), params.get(n), noise.get(n),
          GRAD);
    }
  }

  /** Elements whose gradient is below 1e-4 of the tensor's largest: float32 rounding noise for Adam. */
  private static boolean[] noiseLevel(float[] g) {
    float max = 0;
    for (float v : g) {
      max = Math.max(max, Math.abs(v));
    }
    boolean[] noise = new boolean[g.length];
    for (int i = 0; i < g.length; i++) {
      noise[i] = Math.abs(g[i]) < 1e-4f * max;
    }
    return noise;
  }

  /**
   * Gives every tensor that its initialisation leaves constant (norm weights 1, biases 0, running statistics
   * 0 and 1) seeded random values, so that affine parameters and running statistics are really exercised.
   */
  static void perturbConstants(GeneratedModel model, Rng rng) {
    Parameters params = model.parameters();
    for (String n : params.names()) {
      if (n.endsWith("num_batches_tracked")) {
        continue;
      }
      float[] v = params.get(n);
      boolean constant = true;
      for (float f : v) {
        constant &= f == v[0];
      }
      if (constant) {
        for (int i = 0; i < v.length; i++) {
          v[i] = n.endsWith("running_var") ? rng.uniform(0.5f, 1.5f) : v[i] + (float) (0.2 * rng.nextGaussian());
        }
        params.set(n, v);
      }
    }
  }

  /** Every tensor but the int64 counters, by name; trainable ones with {@code requires_grad} if asked. */
  static Map<String, NDArray> tensors(Torch t, Parameters params, boolean withGrad) {
    Map<String, NDArray> p = new LinkedHashMap<>();
    for (String n : params.names()) {
      if (n.endsWith("num_batches_tracked")) {
        continue;
      }
      int[] dims = params.shape(n);
      long[] shape = new long[dims.length];
      for (int i = 0; i < dims.length; i++) {
        shape[i] = dims[i];
      }
      p.put(n, withGrad && params.trainable(n) ? t.parameter(params.get(n), shape) : t.tensor(params.get(n), shape));
    }
    return p;
  }

  private static Map<String, Float> counters(Parameters params) {
    Map<String, Float> c = new LinkedHashMap<>();
    for (String n : params.names()) {
      if (n.endsWith("num_batches_tracked")) {
        c.put(n, params.get(n)[0]);
      }
    }
    return c;
  }

  private static NDArray input(Torch t, Batch b, boolean withGrad) {
    if (b.tokens()) {
      long[] ids = new long[b.x().length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = (long) b.x()[i];
      }
      return t.manager().create(ids, new ai.djl.ndarray.types.Shape(b.inputShape()));
    }
    return withGrad ? t.parameter(b.x(), b.inputShape()) : t.tensor(b.x(), b.inputShape());
  }

  /** The batch's loss, mean-reduced; class losses over the last axis (mean over every position). */
  private static NDArray loss(Torch t, NDArray y, Batch b) {
    long classes = y.getShape().get(y.getShape().dimension() - 1);
    return switch (b.loss()) {
      case CROSS_ENTROPY -> Torch.crossEntropy(y.reshape(-1, classes), t.labels(b.labels()));
      case NLL -> Torch.nll(y.reshape(-1, classes), t.labels(b.labels()));
      case MSE -> Torch.mse(y, t.tensor(b.targets(), y.getShape().getShape()));
      case BCE -> Torch.bce(y, t.tensor(b.targets(), y.getShape().getShape()));
      case BCE_WITH_LOGITS -> Torch.bceWithLogits(y, t.tensor(b.targets(), y.getShape().getShape()));
      case NONE -> throw new IllegalArgumentException("a network without loss has no gradients to compare");
    };
  }
}
