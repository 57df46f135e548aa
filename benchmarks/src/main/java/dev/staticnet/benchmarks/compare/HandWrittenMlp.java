package dev.staticnet.benchmarks.compare;

import dev.staticnet.Activation;
import dev.staticnet.Optimizer;
import dev.staticnet.Parameters;
import dev.staticnet.kernel.Activations;
import dev.staticnet.kernel.Dense;
import dev.staticnet.kernel.Losses;
import dev.staticnet.train.Init;
import dev.staticnet.train.Rng;
import java.util.Arrays;
import java.util.List;

/**
 * The seeds' TwoLayerNet (784-500-10, ReLU, cross-entropy) written by hand out of the runtime kernels, the
 * way the generator will emit it: one flat parameter array in PyTorch order (fc1.weight, fc1.bias,
 * fc2.weight, fc2.bias), PyTorch's default init U(±1/√fan_in), buffers sized on first use and reused.
 * It stood in for the generated {@code StaticNet_TwoLayerNet} before the processor landed; kept as a
 * second StaticNet side ({@code -Dcompare.mlp=hand}) and as a readable reference for the generated code.
 */
public final class HandWrittenMlp implements Net, Parameters {
  static final int IN = 784;
  static final int HIDDEN = 500;
  static final int OUT = 10;
  private static final int W1 = 0;
  private static final int B1 = W1 + HIDDEN * IN;
  private static final int W2 = B1 + HIDDEN;
  private static final int B2 = W2 + OUT * HIDDEN;
  private static final int SIZE = B2 + OUT;
  private static final List<String> NAMES = List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");

  private final float[] params = new float[SIZE];
  private final float[] dparams = new float[SIZE];
  private int capacity;
  private float[] h; // (B, 500) pre-activation
  private float[] a; // (B, 500) ReLU output
  private float[] logits; // (B, 10)
  private float[] dlogits; // (B, 10)
  private float[] da; // (B, 500)
  private float[] dh; // (B, 500)

  /** PyTorch's default Linear init from {@code seed}. */
  public HandWrittenMlp(long seed) {
    Rng rng = new Rng(seed);
    Init.uniform(params, W1, HIDDEN * IN, (float) (1 / Math.sqrt(IN)), rng);
    Init.uniform(params, B1, HIDDEN, (float) (1 / Math.sqrt(IN)), rng);
    Init.uniform(params, W2, OUT * HIDDEN, (float) (1 / Math.sqrt(HIDDEN)), rng);
    Init.uniform(params, B2, OUT, (float) (1 / Math.sqrt(HIDDEN)), rng);
  }

  @Override
  public float trainStep(float[] x, int[] labels, int batch, Optimizer optimizer) {
    forward(x, batch);
    int hn = batch * HIDDEN;
    Arrays.fill(dlogits, 0, batch * OUT, 0f);
    float loss = Losses.crossEntropy(dlogits, logits, labels, batch, OUT);
    Arrays.fill(dparams, 0f);
    Arrays.fill(da, 0, hn, 0f);
    Dense.backward(da, dparams, dlogits, a, params, W2, B2, batch, HIDDEN, OUT);
    Arrays.fill(dh, 0, hn, 0f);
    Activations.backward(Activation.RELU, dh, da, h, a, hn, 0f);
    Dense.backward(null, dparams, dh, x, params, W1, B1, batch, IN, HIDDEN);
    optimizer.step(params, dparams);
    return loss;
  }

  @Override
  public void predict(float[] x, int batch, float[] output) {
    forward(x, batch);
    System.arraycopy(logits, 0, output, 0, batch * OUT);
  }

  private void forward(float[] x, int batch) {
    ensureCapacity(batch);
    Dense.forward(h, x, params, W1, B1, batch, IN, HIDDEN);
    Activations.forward(Activation.RELU, a, h, batch * HIDDEN, 0f);
    Dense.forward(logits, a, params, W2, B2, batch, HIDDEN, OUT);
  }

  private void ensureCapacity(int batch) {
    if (batch > capacity) {
      h = new float[batch * HIDDEN];
      a = new float[batch * HIDDEN];
      da = new float[batch * HIDDEN];
      dh = new float[batch * HIDDEN];
      logits = new float[batch * OUT];
      dlogits = new float[batch * OUT];
      capacity = batch;
    }
  }

  @Override
  public Parameters parameters() {
    return this;
  }

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public int[] shape(String name) {
    return switch (name) {
      case "fc1.weight" -> new int[] {HIDDEN, IN};
      case "fc1.bias" -> new int[] {HIDDEN};
      case "fc2.weight" -> new int[] {OUT, HIDDEN};
      case "fc2.bias" -> new int[] {OUT};
      default -> throw new IllegalArgumentException("expected one of " + NAMES + ", got " + name);
    };
  }

  @Override
  public boolean trainable(String name) {
    shape(name);
    return true;
  }

  @Override
  public float[] get(String name) {
    int off = offset(name);
    return Arrays.copyOfRange(params, off, off + size(name));
  }

  @Override
  public void set(String name, float[] values) {
    if (values.length != size(name)) {
      throw new IllegalArgumentException(name + " needs " + size(name) + " values, got " + values.length);
    }
    System.arraycopy(values, 0, params, offset(name), values.length);
  }

  private int size(String name) {
    int n = 1;
    for (int d : shape(name)) {
      n *= d;
    }
    return n;
  }

  private static int offset(String name) {
    return switch (name) {
      case "fc1.weight" -> W1;
      case "fc1.bias" -> B1;
      case "fc2.weight" -> W2;
      case "fc2.bias" -> B2;
      default -> throw new IllegalArgumentException("expected one of " + NAMES + ", got " + name);
    };
  }
}
