package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.Data.gaussian;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Activation;
import dev.staticnet.GeneratedModel;
import dev.staticnet.Loss;
import dev.staticnet.Optimizer;
import dev.staticnet.benchmarks.oracle.NetworkOracle.Batch;
import dev.staticnet.benchmarks.oracle.NetworkOracle.FirstStep;
import dev.staticnet.benchmarks.oracle.NetworkOracle.TorchNet;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.train.Rng;
import dev.staticnet.train.Sgd;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole generated networks ({@link WholeNets}: LeNet-5, a residual network with identity and projection
 * shortcuts, two stacked LSTMs, a 2-block causal transformer) against the same networks written with libtorch
 * ops, from the same weights: eval output, loss and every gradient in eval and train mode, BatchNorm running
 * statistics; then the weights after one step of SGD-momentum, Adam and AdamW against torch.optim's update
 * rule applied to libtorch's gradients.
 */
class WholeNetworkOracleTest {
  private static final int[] ONE = {1, 1};
  private static final int[] TWO = {2, 2};
  private static final int[] ZERO = {0, 0};

  /** A network, its PyTorch twin, and a batch for it. */
  record Case(String name, Supplier<GeneratedModel> model, TorchNet torch, Supplier<Batch> batch) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> networks() {
    return Stream.of(
        new Case("LeNet5", () -> new StaticNet_WholeNets_LeNet5(1), WholeNetworkOracleTest::leNet5,
            () -> images(4, new long[] {1, 28, 28}, 10)),
        new Case("TinyResNet", () -> new StaticNet_WholeNets_TinyResNet(2), WholeNetworkOracleTest::tinyResNet,
            () -> images(4, new long[] {3, 8, 10}, 5)),
        new Case("TinyResNetMse", () -> new StaticNet_WholeNets_TinyResNetMse(2), WholeNetworkOracleTest::tinyResNet,
            () -> regression(4, new long[] {3, 8, 10}, 5)),
        new Case("StackedLstm", () -> new StaticNet_WholeNets_StackedLstm(3), WholeNetworkOracleTest::stackedLstm,
            () -> images(5, new long[] {6, 5}, 4)),
        new Case("TinyGpt", () -> new StaticNet_WholeNets_TinyGpt(4), WholeNetworkOracleTest::tinyGpt,
            () -> tokens(3, 8, 13)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void forwardLossGradientsAndRunningStatistics(Case c) {
    GeneratedModel m = c.model().get();
    NetworkOracle.perturbConstants(m, new Rng(c.name().hashCode()));
    NetworkOracle.compare(c.name(), m, c.torch(), c.batch().get());
  }

  static Stream<Arguments> optimizerSteps() {
    float lr = 0.05f;
    float mu = 0.9f;
    float wd = 1e-3f;
    float adamLr = 1e-3f;
    float adamWd = 0.01f;
    Stream.Builder<Arguments> s = Stream.builder();
    for (Case c : networks().filter(c -> !c.name().endsWith("Mse")).toList()) {
      s.add(Arguments.of(c, "SGD(lr=0.05, momentum=0.9, weight_decay=1e-3)",
          (Supplier<Optimizer>) () -> Sgd.builder(lr).momentum(mu).weightDecay(wd).build(), sgdFirstStep(lr, wd)));
      s.add(Arguments.of(c, "Adam(lr=1e-3)", (Supplier<Optimizer>) () -> Optimizer.adam(adamLr),
          adamFirstStep(adamLr, 0)));
      s.add(Arguments.of(c, "AdamW(lr=1e-3, weight_decay=0.01)",
          (Supplier<Optimizer>) () -> Optimizer.adamW(adamLr, adamWd), adamFirstStep(adamLr, adamWd)));
    }
    return s.build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("optimizerSteps")
  void weightsAfterOneOptimizerStep(Case c, String optimizer, Supplier<Optimizer> factory, FirstStep rule) {
    GeneratedModel m = c.model().get();
    NetworkOracle.perturbConstants(m, new Rng(c.name().hashCode()));
    NetworkOracle.optimizerStep(c.name() + " " + optimizer, m, c.torch(), c.batch().get(), factory.get(), rule,
        optimizer.startsWith("Adam"));
  }

  // ---- torch.optim's first step (torch/optim/sgd.py, adam.py, adamw.py of 2.5, single-tensor path) ----

  /** SGD with momentum: d_p = g + wd·p; the buffer starts as d_p; p −= lr·buf. */
  static FirstStep sgdFirstStep(float lr, float wd) {
    return (p, g) -> p.sub(g.add(p.mul(wd)).mul(lr));
  }

  /** Adam (wd = 0) / AdamW: p ·= 1 − lr·wd; m = (1−β1)g; v = (1−β2)g²; p −= lr/bc1 · m / (√v/√bc2 + eps). */
  static FirstStep adamFirstStep(float lr, float wd) {
    float b1 = 0.9f;
    float b2 = 0.999f;
    float eps = 1e-8f;
    return (p, g) -> {
      NDArray w = wd == 0 ? p : p.mul(1 - lr * wd);
      NDArray m = g.mul(1 - b1);
      NDArray v = g.mul(g).mul(1 - b2);
      double bc1 = 1 - b1; // 1 − β1^1, as Python floats
      double bc2 = 1 - b2;
      NDArray denom = v.sqrt().div((float) Math.sqrt(bc2)).add(eps);
      return w.sub(m.div(denom).mul((float) (lr / bc1)));
    };
  }

  // ---- the PyTorch twins ----

  static NDArray leNet5(Map<String, NDArray> p, NDArray x, boolean training) {
    NDArray h = TorchNN.conv2d(x, p.get("c1.weight"), p.get("c1.bias"), ONE, TWO, ONE, 1).tanh();
    h = TorchNN.avgPool2d(h, TWO, TWO, ZERO);
    h = TorchNN.conv2d(h, p.get("c3.weight"), p.get("c3.bias"), ONE, ZERO, ONE, 1).tanh();
    h = TorchNN.avgPool2d(h, TWO, TWO, ZERO);
    h = h.reshape(h.getShape().get(0), -1);
    h = Torch.linear(h, p.get("f5.weight"), p.get("f5.bias")).tanh();
    h = Torch.linear(h, p.get("f6.weight"), p.get("f6.bias")).tanh();
    return Torch.linear(h, p.get("out.weight"), p.get("out.bias"));
  }

  /** {@link WholeNets.ResNetBody} as the step {@code net}. */
  static NDArray tinyResNet(Map<String, NDArray> p, NDArray x, boolean training) {
    NDArray stem = TorchNN.conv2d(x, p.get("net.stem.weight"), p.get("net.stem.bias"), ONE, ONE, ONE, 1);
    NDArray b1 = basicBlock(p, "net.block1.", stem, ONE, training);
    NDArray block1 = relu(b1.add(stem));
    NDArray b2 = basicBlock(p, "net.block2.", block1, TWO, training);
    NDArray shortcut = batchNorm(p, "net.block2.shortcut.bn",
        TorchNN.conv2d(block1, p.get("net.block2.shortcut.conv.weight"), null, TWO, ZERO, ONE, 1), training);
    NDArray block2 = relu(b2.add(shortcut));
    return Torch.linear(TorchNN.globalAvgPool(block2), p.get("net.fc.weight"), p.get("net.fc.bias"));
  }

  /** conv1 (stride) - bn1 - relu - conv2 - bn2, 3×3 convolutions with padding 1 and no bias. */
  private static NDArray basicBlock(Map<String, NDArray> p, String prefix, NDArray x, int[] stride,
      boolean training) {
    NDArray h = TorchNN.conv2d(x, p.get(prefix + "conv1.weight"), null, stride, ONE, ONE, 1);
    h = relu(batchNorm(p, prefix + "bn1", h, training));
    h = TorchNN.conv2d(h, p.get(prefix + "conv2.weight"), null, ONE, ONE, ONE, 1);
    return batchNorm(p, prefix + "bn2", h, training);
  }

  static NDArray stackedLstm(Map<String, NDArray> p, NDArray x, boolean training) {
    NDArray h = TorchNN.lstm(x, p.get("lstm1.weight_ih_l0"), p.get("lstm1.weight_hh_l0"), p.get("lstm1.bias_ih_l0"),
        p.get("lstm1.bias_hh_l0"), true);
    h = TorchNN.lstm(h, p.get("lstm2.weight_ih_l0"), p.get("lstm2.weight_hh_l0"), p.get("lstm2.bias_ih_l0"),
        p.get("lstm2.bias_hh_l0"), false);
    return Torch.linear(h, p.get("fc.weight"), p.get("fc.bias"));
  }

  static NDArray tinyGpt(Map<String, NDArray> p, NDArray ids, boolean training) {
    NDArray h = TorchNN.embedding(ids, p.get("embed.weight")).add(p.get("pos.weight")); // (B, T, D)
    for (int i = 0; i < 2; i++) {
      String a = "blocks." + i + ".attention.";
      NDArray attn = TorchNN.attention(layerNorm(p, a + "norm", h), p.get(a + "attn.in_proj_weight"),
          p.get(a + "attn.in_proj_bias"), p.get(a + "attn.out_proj.weight"), p.get(a + "attn.out_proj.bias"), 4,
          true);
      h = h.add(attn);
      String f = "blocks." + i + ".feedForward.";
      NDArray hidden = Torch.gelu(Torch.linear(layerNorm(p, f + "norm", h), p.get(f + "fc1.weight"),
          p.get(f + "fc1.bias")));
      h = h.add(Torch.linear(hidden, p.get(f + "fc2.weight"), p.get(f + "fc2.bias")));
    }
    return Torch.linear(layerNorm(p, "norm", h), p.get("head.weight"), p.get("head.bias"));
  }

  private static NDArray batchNorm(Map<String, NDArray> p, String name, NDArray x, boolean training) {
    return Torch.batchNorm(x, p.get(name + ".running_mean"), p.get(name + ".running_var"), p.get(name + ".weight"),
        p.get(name + ".bias"), training, 0.1f, 1e-5f);
  }

  private static NDArray layerNorm(Map<String, NDArray> p, String name, NDArray x) {
    long n = x.getShape().get(x.getShape().dimension() - 1);
    return Torch.layerNorm(x, n, p.get(name + ".weight"), p.get(name + ".bias"), 1e-5f);
  }

  private static NDArray relu(NDArray x) {
    return TorchNN.activation(Activation.RELU, x);
  }

  // ---- batches ----

  private static Batch images(int batch, long[] perSample, int classes) {
    Rng rng = new Rng(batch * 1000L + classes);
    long[] shape = new long[perSample.length + 1];
    shape[0] = batch;
    long size = batch;
    for (int i = 0; i < perSample.length; i++) {
      shape[i + 1] = perSample[i];
      size *= perSample[i];
    }
    return new Batch(gaussian(rng, (int) size, 1), shape, false, Loss.CROSS_ENTROPY, Data.labels(rng, batch, classes),
        null);
  }

  private static Batch regression(int batch, long[] perSample, int outputs) {
    Batch b = images(batch, perSample, outputs);
    return new Batch(b.x(), b.inputShape(), false, Loss.MSE, null, gaussian(new Rng(7), batch * outputs, 1));
  }

  private static Batch tokens(int batch, int steps, int vocab) {
    Rng rng = new Rng(batch * 100L + steps);
    float[] ids = new float[batch * steps];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rng.nextInt(vocab);
    }
    return new Batch(ids, new long[] {batch, steps}, true, Loss.CROSS_ENTROPY, Data.labels(rng, batch * steps, vocab),
        null);
  }
}
