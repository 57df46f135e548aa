package dev.staticnet.benchmarks.compare;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Optimizer;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.kernel.Gemm;
import dev.staticnet.train.Rng;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The comparison rows that can run today, by name. */
final class Rows {
  static final long SEED = 42;
  static final float LR = 0.005f;

  private final double warmup;
  private final long warmupCalls;
  private final double measure;

  Rows(double warmupSeconds, long warmupCalls, double measureSeconds) {
    this.warmup = warmupSeconds;
    this.warmupCalls = warmupCalls;
    this.measure = measureSeconds;
  }

  private Measurement measure(Measurement.Step step) {
    return Measurement.of(step, warmup, warmupCalls, measure);
  }

  /** For long steps (a 1024³ GEMM runs its inner loops millions of times per call): fewer warm-up calls. */
  private Measurement measureLong(Measurement.Step step) {
    return Measurement.of(step, warmup, Math.min(warmupCalls, 100), measure);
  }

  /** Row name → how to measure it, in table order. */
  Map<String, Supplier<Row>> all() {
    Map<String, Supplier<Row>> rows = new LinkedHashMap<>();
    rows.put("gemm-1024", this::gemm1024);
    rows.put("mlp-train-8", () -> mlpTraining(8, 2.0));
    rows.put("mlp-train-64", () -> mlpTraining(64, 1.5));
    rows.put("mlp-infer-1", this::mlpLatency);
    return rows;
  }

  /**
   * The StaticNet side of the MLP rows. Until the generator lands this is the hand-written kernel chain; then
   * replace this one line by {@code return Net.of(dev.staticnet.benchmarks.TwoLayerNet.create(SEED));}.
   */
  static Net staticNetMlp() {
    return new HandWrittenMlp(SEED);
  }

  /** C = A·B at 1024³: {@link Gemm#gemm} vs {@code torch.matmul}, in GFLOP/s. */
  Row gemm1024() {
    int n = 1024;
    Rng rng = new Rng(SEED);
    float[] a = gaussian(rng, n * n);
    float[] b = gaussian(rng, n * n);
    float[] c = new float[n * n];
    Measurement sn = measureLong(() -> Gemm.gemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n));
    Measurement pt;
    try (Torch t = Torch.open()) {
      NDArray ta = t.tensor(a, n, n);
      NDArray tb = t.tensor(b, n, n);
      pt = measureLong(() -> Torch.matmul(ta, tb).close());
    }
    double flop = 2.0 * n * n * n;
    return new Row("gemm-1024", "GEMM 1024² (" + Gemm.kernelName() + ")", 1, "GFLOP/s",
        flop / sn.secondsPerStep() / 1e9, flop / pt.secondsPerStep() / 1e9, true, 1.7, sn.bytesPerStep(),
        pt.bytesPerStep());
  }

  /** One SGD training step of TwoLayerNet 784-500-10 on a fixed batch, in samples/s. */
  Row mlpTraining(int batch, double target) {
    Rng rng = new Rng(7);
    float[] x = gaussian(rng, batch * HandWrittenMlp.IN);
    int[] labels = labels(rng, batch);
    Net net = staticNetMlp();
    Optimizer sgd = Optimizer.sgd(LR);
    Measurement pt;
    try (TorchMlp torch = new TorchMlp(net.parameters(), LR)) {
      NDArray tl = torch.labels(labels);
      pt = measure(() -> torch.trainStep(x, tl, batch));
    }
    Measurement sn = measure(() -> net.trainStep(x, labels, batch, sgd));
    return new Row("mlp-train-" + batch, "TwoLayerNet 784-500-10 train step", batch, "samples/s",
        batch / sn.secondsPerStep(), batch / pt.secondsPerStep(), true, target, sn.bytesPerStep(),
        pt.bytesPerStep());
  }

  /** Eval forward of one sample through TwoLayerNet, in µs (lower is better). */
  Row mlpLatency() {
    Rng rng = new Rng(9);
    float[] x = gaussian(rng, HandWrittenMlp.IN);
    float[] out = new float[HandWrittenMlp.OUT];
    Net net = staticNetMlp();
    Measurement pt;
    try (TorchMlp torch = new TorchMlp(net.parameters(), LR)) {
      pt = measure(() -> torch.predict(x, 1, out));
    }
    Measurement sn = measure(() -> net.predict(x, 1, out));
    return new Row("mlp-infer-1", "TwoLayerNet 784-500-10 inference latency", 1, "µs",
        sn.secondsPerStep() * 1e6, pt.secondsPerStep() * 1e6, false, 3.0, sn.bytesPerStep(), pt.bytesPerStep());
  }

  private static float[] gaussian(Rng rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    return a;
  }

  private static int[] labels(Rng rng, int n) {
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = rng.nextInt(HandWrittenMlp.OUT);
    }
    return l;
  }
}
