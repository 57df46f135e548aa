package dev.staticnet.benchmarks;

import dev.staticnet.kernel.Conv2dKernel;
import dev.staticnet.kernel.ConvGeometry;
import dev.staticnet.kernel.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Convolution forward + backward GFLOP/s against the GEMM at the same arithmetic (issue 3's target:
 * conv ≥ 50 % of the GEMM).
 *
 * <p>Shapes: LeNet-5's {@code c1} (1×28×28 → 6, k5 p2) and {@code c3} (6×14×14 → 16, k5) at batch
 * 64; a ResNet-style 3×3 pad-1 convolution on 32×32 with 16→16 and 32→32 channels at batch 32; the
 * 3×3 layers of the harness's {@code ResNetStack} at batch 32 ({@code resnet-16} = stage 1, the strided
 * {@code resnet-s2-16to32} / {@code resnet-s2-32to64} and the {@code resnet-32x16} / {@code resnet-64x8}
 * second convolutions of stages 2 and 3); seed 001's 17×17 convolution (3×64×64 → 12, batch 16, no dx:
 * only a max-pool lies before it).
 * One invocation is a training step of the layer: forward, then backward (dW, db and dx; no dx for
 * {@code c1}, the first layer, as generated code passes {@code null} there). FLOPs counted
 * {@code 2·MACs} per pass, {@code MACs = batch·outC·outH·outW·inC·kh·kw}.
 *
 * <p>Two GEMM references run the same arithmetic as plain {@link Gemm} calls, with
 * {@code K = inC·kh·kw}, {@code P = outH·outW}: {@code gemm*} as three GEMMs over the whole batch —
 * forward {@code (outC × K)·(K × batch·P)}, dW {@code (outC × batch·P)·(batch·P × K)}, dx
 * {@code (K × outC)·(outC × batch·P)}; {@code gemmPerSample*} as the same three shapes per sample
 * ({@code n = P}), repeated {@code batch} times on cache-resident operands.
 *
 * <p>Read the secondary result {@code ·gflop}: its "ops/s" column is GFLOP/s. Methods ending in
 * {@code 2} use both cores, in {@code 1} one ({@code -Dstaticnet.threads=1}).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar Conv -wi 3 -i 3 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class ConvBenchmark {
  private static final String VECTOR = "--add-modules=jdk.incubator.vector";

  /** Layer shape (see the class comment). */
  @Param({"lenet-c1", "lenet-c3", "resnet-16", "resnet-32", "resnet-s2-16to32", "resnet-32x16", "resnet-s2-32to64",
      "resnet-64x8", "cnn001-k17"})
  public String shape;

  private ConvGeometry g;
  private int batch;
  private boolean firstLayer;
  private float[] x;   // (batch, inC, inH, inW)
  private float[] y;   // (batch, outC, outH, outW), reused as dy
  private float[] dx;  // (batch, inC, inH, inW) or null for the first layer
  private float[] params;
  private float[] dparams;
  private int bOff;
  private double gflopPerStep;

  // GEMM-at-the-same-arithmetic operands
  private int gm;
  private int gn;
  private int gk;
  private float[] ga;  // (outC, K) weights
  private float[] gb;  // (K, batch·P) columns
  private float[] gc;  // (outC, batch·P) outputs
  private float[] gd;  // (K, batch·P) column gradients
  private float[] gw;  // (outC, K) weight gradient

  /** GFLOP counter: reported per second, i.e. as GFLOP/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Flops {
    public double gflop;
  }

  @Setup(Level.Trial)
  public void setUp() {
    switch (shape) {
      case "lenet-c1" -> { g = new ConvGeometry(1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 1, 1, 1); batch = 64; firstLayer = true; }
      case "lenet-c3" -> { g = new ConvGeometry(6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1); batch = 64; }
      case "resnet-16" -> { g = new ConvGeometry(16, 32, 32, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1); batch = 32; }
      case "resnet-32" -> { g = new ConvGeometry(32, 32, 32, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1); batch = 32; }
      case "resnet-s2-16to32" -> { g = new ConvGeometry(16, 32, 32, 32, 3, 3, 2, 2, 1, 1, 1, 1, 1); batch = 32; }
      case "resnet-32x16" -> { g = new ConvGeometry(32, 16, 16, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1); batch = 32; }
      case "resnet-s2-32to64" -> { g = new ConvGeometry(32, 16, 16, 64, 3, 3, 2, 2, 1, 1, 1, 1, 1); batch = 32; }
      case "resnet-64x8" -> { g = new ConvGeometry(64, 8, 8, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1); batch = 32; }
      case "cnn001-k17" -> { g = new ConvGeometry(3, 64, 64, 12, 17, 17, 1, 1, 0, 0, 1, 1, 1); batch = 16; firstLayer = true; }
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    }
    SplittableRandom rnd = new SplittableRandom(1);
    x = random(rnd, batch * g.inSize());
    y = random(rnd, batch * g.outSize());
    dx = firstLayer ? null : new float[x.length];
    params = random(rnd, g.weightCount() + g.outC);
    dparams = new float[params.length];
    bOff = g.weightCount();
    int passes = firstLayer ? 2 : 3;
    gflopPerStep = 2e-9 * passes * g.macsPerSample() * batch;

    gm = g.outC;
    gk = g.colRows();
    gn = batch * g.outSpatial();
    ga = random(rnd, gm * gk);
    gb = random(rnd, gk * gn);
    gc = new float[gm * gn];
    gd = firstLayer ? null : new float[gk * gn];
    gw = new float[gm * gk];
    System.out.println(g + " batch " + batch + ", " + String.format("%.3f", gflopPerStep)
        + " GFLOP per step, gemm path: " + Gemm.kernelName());
  }

  private static float[] random(SplittableRandom rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rnd.nextDouble() - 0.5);
    }
    return a;
  }

  private float[] convStep(Flops flops) {
    Conv2dKernel.forward(y, x, params, 0, bOff, g, batch);
    Conv2dKernel.backward(dx, dparams, y, x, params, 0, bOff, g, batch);
    flops.gflop += gflopPerStep;
    return dparams;
  }

  private float[] gemmStep(Flops flops) {
    Gemm.gemm(false, false, gm, gn, gk, ga, 0, gk, gb, 0, gn, 0f, gc, 0, gn);
    Gemm.gemm(false, true, gm, gk, gn, gc, 0, gn, gb, 0, gn, 1f, gw, 0, gk);
    if (gd != null) {
      Gemm.gemm(true, false, gk, gn, gm, ga, 0, gk, gc, 0, gn, 0f, gd, 0, gn);
    }
    flops.gflop += gflopPerStep;
    return gw;
  }

  private float[] gemmPerSampleStep(Flops flops) {
    int p = g.outSpatial();
    for (int s = 0; s < batch; s++) { // operands of sample 0 every time: cache-resident, GEMM's best case
      Gemm.gemm(false, false, gm, p, gk, ga, 0, gk, gb, 0, p, 0f, gc, 0, p);
      Gemm.gemm(false, true, gm, gk, p, gc, 0, p, gb, 0, p, 1f, gw, 0, gk);
      if (gd != null) {
        Gemm.gemm(true, false, gk, p, gm, ga, 0, gk, gc, 0, p, 0f, gd, 0, p);
      }
    }
    flops.gflop += gflopPerStep;
    return gw;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.threads=2"})
  public float[] conv2(Flops flops) {
    return convStep(flops);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.threads=2"})
  public float[] gemm2(Flops flops) {
    return gemmStep(flops);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.threads=1"})
  public float[] conv1(Flops flops) {
    return convStep(flops);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.threads=1"})
  public float[] gemm1(Flops flops) {
    return gemmStep(flops);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.threads=2"})
  public float[] gemmPerSample2(Flops flops) {
    return gemmPerSampleStep(flops);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.threads=1"})
  public float[] gemmPerSample1(Flops flops) {
    return gemmPerSampleStep(flops);
  }
}
