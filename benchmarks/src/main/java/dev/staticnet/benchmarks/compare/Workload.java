package dev.staticnet.benchmarks.compare;

import dev.staticnet.Parameters;
import dev.staticnet.benchmarks.LeNet5;
import dev.staticnet.benchmarks.LstmNet;
import dev.staticnet.benchmarks.ResNetStack;
import dev.staticnet.benchmarks.SeedCnn;
import dev.staticnet.benchmarks.TinyTransformer;
import dev.staticnet.train.Rng;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One network of the comparison in both forms — the generated StaticNet model and its libtorch mirror built
 * from the model's weights — and how to make a batch for it.
 *
 * @param title the network, for the table
 * @param staticNet a fresh generated model (seeded)
 * @param torch the libtorch mirror of a model, from its parameters and the learning rate
 * @param inputSize values per sample
 * @param vocab 0 for float inputs; else the inputs are token ids below {@code vocab}
 * @param classes number of classes of the cross-entropy
 * @param labelsPerSample 1, or T for one label per position
 * @param tokensPerSample sequence length for sequence models (tokens/s = samples/s × this), else 0
 * @param warmupCallCap at most this many warm-up steps are required (long steps warm up in fewer calls)
 */
public record Workload(String title, Supplier<Net> staticNet, BiFunction<Parameters, Float, TorchNet> torch,
    int inputSize, int vocab, int classes, int labelsPerSample, int tokensPerSample, long warmupCallCap) {

  /** The seeds' TwoLayerNet 784-500-10 (the StaticNet side chosen by {@link Rows#staticNetMlp()}). */
  static Workload mlp() {
    return new Workload("TwoLayerNet 784-500-10", Rows::staticNetMlp, TorchMlp::new, 784, 0, 10, 1, 0, 1000);
  }

  /** LeNet-5 on 1×28×28. */
  static Workload leNet5() {
    return new Workload("LeNet-5 1×28×28", () -> Net.of(LeNet5.create(Rows.SEED)), TorchLeNet5::new, 28 * 28, 0,
        10, 1, 0, 200);
  }

  /** Seed 001's CNN on 3×128×128 with its 17×17 convolution. */
  static Workload seedCnn() {
    return new Workload("seed 001 CNN 3×128×128, conv 17×17", () -> Net.of(SeedCnn.create(Rows.SEED)),
        TorchSeedCnn::new, 3 * 128 * 128, 0, 10, 1, 0, 20);
  }

  /** The ResNet block stack, 16–64 channels on 3×32×32. */
  static Workload resNet() {
    return new Workload("ResNet stack 16-32-64 ch, 3×32×32", () -> Net.of(ResNetStack.create(Rows.SEED)),
        TorchResNetStack::new, 3 * 32 * 32, 0, 10, 1, 0, 20);
  }

  /** LSTM hidden 256 over 32 steps of 64 features, last state classified. */
  static Workload lstm() {
    return new Workload("LSTM 64→256, 32 steps", () -> Net.of(LstmNet.create(Rows.SEED)), TorchLstmNet::new,
        LstmNet.STEPS * LstmNet.FEATURES, 0, 10, 1, LstmNet.STEPS, 20);
  }

  /** The causal transformer LM, d = 128, 4 heads, 2 blocks, 64 tokens. */
  static Workload transformer() {
    int t = TinyTransformer.CONTEXT;
    return new Workload("causal transformer d128 h4 ×2, 64 tokens", () -> Net.of(TinyTransformer.create(Rows.SEED)),
        TorchTransformer::new, t, TinyTransformer.VOCAB, TinyTransformer.VOCAB, t, t, 20);
  }

  /** A seeded batch: Gaussian inputs (or uniform token ids) and uniform labels. */
  public Batch batch(int batch, long seed) {
    Rng rng = new Rng(seed);
    float[] x = new float[batch * inputSize];
    for (int i = 0; i < x.length; i++) {
      x[i] = vocab == 0 ? (float) rng.nextGaussian() : rng.nextInt(vocab);
    }
    int[] labels = new int[batch * labelsPerSample];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rng.nextInt(classes);
    }
    return new Batch(x, labels);
  }

  /** Inputs ({@code batch × inputSize}) and labels ({@code batch × labelsPerSample}). */
  public record Batch(float[] input, int[] labels) {}
}
