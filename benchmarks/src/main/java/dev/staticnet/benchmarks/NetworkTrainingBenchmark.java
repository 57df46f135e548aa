package dev.staticnet.benchmarks;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.train.Rng;
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
 * Training throughput of whole generated networks (SGD, lr 0.005): each invocation is one training step
 * (forward, loss, backward, update) of a fixed random batch. The primary score is steps/s; read the
 * secondary results {@code ·samples} (samples/s) and, for sequence models, {@code ·tokens} (tokens/s).
 *
 * <ul>
 *   <li>{@code lenet-64}: {@link LeNet5} at batch 64 (issue 3);
 *   <li>{@code resnet-32}: {@link ResNetStack}, three basic blocks 16–64 channels on 3×32×32, batch 32
 *       (issue 3's "ResNet block");
 *   <li>{@code cnn001-16}: seed 001's {@link SeedCnn} (17×17 convolution on 3×128×128), batch 16;
 *   <li>{@code lstm-32}: {@link LstmNet}, LSTM hidden 256 over 32 steps, batch 32 (issue 4);
 *   <li>{@code transformer-block-16}: {@link TransformerBlockNet}, one pre-norm block d = 128, 4 heads,
 *       64 tokens, batch 16, MSE against random targets (issue 4's "transformer block");
 *   <li>{@code transformer-16}: {@link TinyTransformer}, the 2-block causal LM of the harness, batch 16.
 * </ul>
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar NetworkTraining -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 * With {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per step.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class NetworkTrainingBenchmark {
  /** Which network and batch (see the class comment). */
  @Param({"lenet-64", "resnet-32", "cnn001-16", "lstm-32", "transformer-block-16", "transformer-16"})
  public String net;

  private Model model;
  private Optimizer optimizer;
  private int batch;
  private int tokensPerSample;
  private float[] input;
  private int[] labels;     // class-index losses
  private float[] targets;  // MSE

  /** Samples and tokens trained, reported per second. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Throughput {
    public double samples;
    public double tokens;
  }

  @Setup(Level.Trial)
  public void setUp() {
    long seed = 42;
    Rng rng = new Rng(7);
    int classes = 10;
    int labelsPerSample = 1;
    int vocab = 0; // float inputs
    switch (net) {
      case "lenet-64" -> { model = LeNet5.create(seed); batch = 64; }
      case "resnet-32" -> { model = ResNetStack.create(seed); batch = 32; }
      case "cnn001-16" -> { model = SeedCnn.create(seed); batch = 16; }
      case "lstm-32" -> { model = LstmNet.create(seed); batch = 32; tokensPerSample = LstmNet.STEPS; }
      case "transformer-block-16" -> {
        model = TransformerBlockNet.create(seed);
        batch = 16;
        tokensPerSample = TinyTransformer.CONTEXT;
      }
      case "transformer-16" -> {
        model = TinyTransformer.create(seed);
        batch = 16;
        tokensPerSample = TinyTransformer.CONTEXT;
        vocab = TinyTransformer.VOCAB;
        classes = TinyTransformer.VOCAB;
        labelsPerSample = TinyTransformer.CONTEXT;
      }
      default -> throw new IllegalArgumentException("unknown net " + net);
    }
    optimizer = Optimizer.sgd(0.005f);
    input = new float[batch * model.inputShape().size()];
    for (int i = 0; i < input.length; i++) {
      input[i] = vocab == 0 ? (float) rng.nextGaussian() : rng.nextInt(vocab);
    }
    if (model instanceof TransformerBlockNet) {
      targets = new float[batch * model.outputShape().size()];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = (float) rng.nextGaussian();
      }
    } else {
      labels = new int[batch * labelsPerSample];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = rng.nextInt(classes);
      }
    }
  }

  @Benchmark
  public float trainStep(Throughput counters) {
    float loss = targets != null
        ? model.trainStep(input, targets, batch, optimizer)
        : model.trainStep(input, labels, batch, optimizer);
    counters.samples += batch;
    counters.tokens += (double) batch * tokensPerSample;
    return loss;
  }
}
