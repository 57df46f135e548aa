package dev.staticnet.benchmarks;

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
 * GFLOP/s of {@link Gemm} for the vector and scalar paths on one and two cores.
 *
 * <p>Shapes ({@code m x n x k}): 512³ and 1024³ as {@code C = A·B}, and {@code 64x500x784}, a Dense
 * forward at batch 64 with 784 inputs and 500 outputs: {@code C(64×500) = A(64×784)·Bᵀ} with B
 * stored (500×784) as the weight.
 *
 * <p>How to read the output: each benchmark is measured in throughput mode (calls per second) and
 * also reports the secondary result {@code GemmBenchmark.<method>:gflop}, which counts 2·m·n·k/10⁹
 * per call, so its "ops/s" score IS GFLOP/s (the primary row is calls/s). The method name says the path: {@code vector1} = Vector API on one
 * thread, {@code vector2} = two threads, {@code scalar1}/{@code scalar2} = the fallback (each runs in
 * its own fork with {@code -Dstaticnet.simd} / {@code -Dstaticnet.threads} set).
 *
 * <pre>
 * mvn -pl benchmarks -am package -DskipTests
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar Gemm
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar Gemm -f 1 -wi 2 -i 2 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class GemmBenchmark {
  private static final String VECTOR = "--add-modules=jdk.incubator.vector";

  /** m x n x k. */
  @Param({"512x512x512", "1024x1024x1024", "64x500x784"})
  public String shape;

  private int m;
  private int n;
  private int k;
  private boolean transB;
  private float[] a;
  private float[] b;
  private float[] c;

  /** GFLOP counter: reported per second, i.e. as GFLOP/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Flops {
    public double gflop;
  }

  @Setup(Level.Trial)
  public void setUp() {
    String[] dims = shape.split("x");
    m = Integer.parseInt(dims[0]);
    n = Integer.parseInt(dims[1]);
    k = Integer.parseInt(dims[2]);
    transB = m != n; // the Dense shape multiplies by the transposed weight
    SplittableRandom rnd = new SplittableRandom(1);
    a = new float[m * k];
    b = new float[k * n];
    c = new float[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (rnd.nextDouble() - 0.5);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) (rnd.nextDouble() - 0.5);
    }
    System.out.println("gemm path: " + Gemm.kernelName() + ", " + shape + (transB ? " (A·Bᵀ)" : " (A·B)"));
  }

  private void multiply(Flops flops) {
    Gemm.gemm(false, transB, m, n, k, a, 0, k, b, 0, transB ? k : n, 0f, c, 0, n);
    flops.gflop += 2e-9 * m * n * k;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.threads=1"})
  public float[] vector1(Flops flops) {
    multiply(flops);
    return c;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.threads=2"})
  public float[] vector2(Flops flops) {
    multiply(flops);
    return c;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.simd=false", "-Dstaticnet.threads=1"})
  public float[] scalar1(Flops flops) {
    multiply(flops);
    return c;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {VECTOR, "-Dstaticnet.simd=false", "-Dstaticnet.threads=2"})
  public float[] scalar2(Flops flops) {
    multiply(flops);
    return c;
  }
}
