package dev.staticnet.benchmarks;

import dev.staticnet.kernel.AttentionKernel;
import dev.staticnet.kernel.LstmKernel;
import dev.staticnet.train.Rng;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward + backward throughput of the sequence kernels alone, in samples per second (each
 * invocation is one batch; {@code @OperationsPerInvocation} divides by the batch size):
 * <ul>
 *   <li>{@code lstm}: one LSTM layer, input 256, hidden 256, 32 steps, batch 32, last state out;
 *   <li>{@code attention}: one self-attention layer, d = 128, 4 heads, 64 tokens, batch 16, causal,
 *       with biases and the out projection (tokens/s = samples/s × 64).
 * </ul>
 *
 * <pre>java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar SequenceKernel</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SequenceKernelBenchmark {
  static final int LSTM_BATCH = 32;
  static final int LSTM_STEPS = 32;
  static final int LSTM_IN = 256;
  static final int LSTM_HIDDEN = 256;

  static final int ATT_BATCH = 16;
  static final int ATT_STEPS = 64;
  static final int ATT_DIM = 128;
  static final int ATT_HEADS = 4;

  /** One LSTM layer's parameters, activations and cache. */
  @State(Scope.Thread)
  public static class Lstm {
    final int g4 = 4 * LSTM_HIDDEN;
    final int wIh = 0;
    final int wHh = g4 * LSTM_IN;
    final int bIh = wHh + g4 * LSTM_HIDDEN;
    final int bHh = bIh + g4;
    float[] params;
    float[] dparams;
    float[] x;      // (B, T, in)
    float[] dx;
    float[] y;      // (B, H)
    float[] dy;
    float[] cache;

    @Setup(Level.Trial)
    public void setUp() {
      Rng rng = new Rng(1);
      params = uniform(rng, bHh + g4, (float) (1 / Math.sqrt(LSTM_HIDDEN)));
      dparams = new float[params.length];
      x = uniform(rng, LSTM_BATCH * LSTM_STEPS * LSTM_IN, 1f);
      dx = new float[x.length];
      y = new float[LSTM_BATCH * LSTM_HIDDEN];
      dy = uniform(rng, y.length, 1f);
      cache = new float[LstmKernel.cacheSize(LSTM_BATCH, LSTM_STEPS, LSTM_HIDDEN)];
    }
  }

  /** One attention layer's parameters, activations and cache. */
  @State(Scope.Thread)
  public static class Attention {
    final int wIn = 0;
    final int bIn = 3 * ATT_DIM * ATT_DIM;
    final int wOut = bIn + 3 * ATT_DIM;
    final int bOut = wOut + ATT_DIM * ATT_DIM;
    float[] params;
    float[] dparams;
    float[] x;      // (B, T, D)
    float[] dx;
    float[] y;      // (B, T, D)
    float[] dy;
    float[] cache;

    @Setup(Level.Trial)
    public void setUp() {
      Rng rng = new Rng(2);
      params = uniform(rng, bOut + ATT_DIM, (float) (1 / Math.sqrt(ATT_DIM)));
      dparams = new float[params.length];
      x = uniform(rng, ATT_BATCH * ATT_STEPS * ATT_DIM, 1f);
      dx = new float[x.length];
      y = new float[x.length];
      dy = uniform(rng, y.length, 1f);
      cache = new float[AttentionKernel.cacheSize(ATT_BATCH, ATT_STEPS, ATT_DIM, ATT_HEADS)];
    }
  }

  @Benchmark
  @OperationsPerInvocation(LSTM_BATCH)
  public float lstmForwardBackward(Lstm s) {
    LstmKernel.forward(s.y, s.cache, s.x, s.params, s.wIh, s.wHh, s.bIh, s.bHh,
        LSTM_BATCH, LSTM_STEPS, LSTM_IN, LSTM_HIDDEN, false);
    Arrays.fill(s.dparams, 0f);
    Arrays.fill(s.dx, 0f);
    LstmKernel.backward(s.dx, s.dparams, s.dy, s.x, s.cache, s.params, s.wIh, s.wHh, s.bIh, s.bHh,
        LSTM_BATCH, LSTM_STEPS, LSTM_IN, LSTM_HIDDEN, false);
    return s.dparams[0];
  }

  @Benchmark
  @OperationsPerInvocation(LSTM_BATCH)
  public float lstmForward(Lstm s) {
    LstmKernel.forward(s.y, s.cache, s.x, s.params, s.wIh, s.wHh, s.bIh, s.bHh,
        LSTM_BATCH, LSTM_STEPS, LSTM_IN, LSTM_HIDDEN, false);
    return s.y[0];
  }

  @Benchmark
  @OperationsPerInvocation(ATT_BATCH)
  public float attentionForwardBackward(Attention s) {
    AttentionKernel.forward(s.y, s.cache, s.x, s.params, s.wIn, s.bIn, s.wOut, s.bOut,
        ATT_BATCH, ATT_STEPS, ATT_DIM, ATT_HEADS, true);
    Arrays.fill(s.dparams, 0f);
    Arrays.fill(s.dx, 0f);
    AttentionKernel.backward(s.dx, s.dparams, s.dy, s.x, s.cache, s.params, s.wIn, s.bIn, s.wOut, s.bOut,
        ATT_BATCH, ATT_STEPS, ATT_DIM, ATT_HEADS, true);
    return s.dparams[0];
  }

  @Benchmark
  @OperationsPerInvocation(ATT_BATCH)
  public float attentionForward(Attention s) {
    AttentionKernel.forward(s.y, s.cache, s.x, s.params, s.wIn, s.bIn, s.wOut, s.bOut,
        ATT_BATCH, ATT_STEPS, ATT_DIM, ATT_HEADS, true);
    return s.y[0];
  }

  static float[] uniform(Rng rng, int n, float bound) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.uniform(-bound, bound);
    }
    return a;
  }
}
