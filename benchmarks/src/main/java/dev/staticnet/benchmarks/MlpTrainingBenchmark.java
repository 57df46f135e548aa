package dev.staticnet.benchmarks;

import dev.staticnet.Optimizer;
import dev.staticnet.train.Rng;
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
 * Training throughput of the seeds' 784-500-10 MLP (SGD), in samples per second: each invocation is
 * one training step of a batch, and {@code @OperationsPerInvocation} divides by the batch size.
 * With {@code -prof gc}, {@code gc.alloc.rate.norm} is per sample; multiply by the batch for per step.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar MlpTraining -prof gc</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MlpTrainingBenchmark {

  /** A model, an optimiser and one fixed random batch. */
  @State(Scope.Thread)
  public abstract static class Batch {
    TwoLayerNet model;
    Optimizer optimizer;
    float[] input;
    int[] labels;
    int batch;

    abstract int batchSize();

    @Setup(Level.Trial)
    public void setUp() {
      batch = batchSize();
      model = TwoLayerNet.create(42);
      optimizer = Optimizer.sgd(0.005f);
      Rng rng = new Rng(7);
      input = new float[batch * 784];
      for (int i = 0; i < input.length; i++) {
        input[i] = (float) rng.nextGaussian();
      }
      labels = new int[batch];
      for (int i = 0; i < batch; i++) {
        labels[i] = rng.nextInt(10);
      }
    }
  }

  /** Batch of 8, the seeds' recipe. */
  public static class Batch8 extends Batch {
    @Override
    int batchSize() {
      return 8;
    }
  }

  /** Batch of 64. */
  public static class Batch64 extends Batch {
    @Override
    int batchSize() {
      return 64;
    }
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public float trainBatch8(Batch8 s) {
    return s.model.trainStep(s.input, s.labels, s.batch, s.optimizer);
  }

  @Benchmark
  @OperationsPerInvocation(64)
  public float trainBatch64(Batch64 s) {
    return s.model.trainStep(s.input, s.labels, s.batch, s.optimizer);
  }
}
