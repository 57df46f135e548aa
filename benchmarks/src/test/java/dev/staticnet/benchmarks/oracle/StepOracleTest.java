package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.Data.gaussian;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Activation;
import dev.staticnet.GeneratedModel;
import dev.staticnet.Loss;
import dev.staticnet.PoolMode;
import dev.staticnet.benchmarks.oracle.NetworkOracle.Batch;
import dev.staticnet.benchmarks.oracle.NetworkOracle.TorchNet;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.train.Rng;
import org.junit.jupiter.api.Test;

/**
 * Every generated step kind ({@link StepNets}) against the same layer in libtorch, from the same weights:
 * eval output, train output, loss, gradients of every parameter and of the input, BatchNorm running
 * statistics ({@link NetworkOracle}).
 */
class StepOracleTest {
  private static final int BATCH = 3;
  private static final int[] ONE = {1, 1};
  private static final int[] ZERO = {0, 0};

  // ---- Conv2d ----

  @Test
  void convStridedDilatedNonSquare() {
    run(new StaticNet_StepNets_ConvStridedDilated(1), (p, x, training) ->
        TorchNN.conv2d(x, p.get("conv.weight"), p.get("conv.bias"), new int[] {2, 1}, new int[] {1, 2},
            new int[] {1, 2}, 1));
  }

  @Test
  void convGroupsWithFusedTanh() {
    run(new StaticNet_StepNets_ConvGroupsTanh(2), (p, x, training) ->
        TorchNN.conv2d(x, p.get("conv.weight"), p.get("conv.bias"), ONE, new int[] {1, 0}, ONE, 2).tanh());
  }

  @Test
  void convDepthwiseStridedWithoutBias() {
    run(new StaticNet_StepNets_ConvDepthwiseNoBias(3), (p, x, training) ->
        TorchNN.conv2d(x, p.get("conv.weight"), null, new int[] {2, 2}, ONE, ONE, 4));
  }

  @Test
  void convDepthwiseChannelMultiplierWithFusedRelu() {
    run(new StaticNet_StepNets_ConvDepthwiseMultiplierRelu(4), (p, x, training) ->
        TorchNN.activation(Activation.RELU,
            TorchNN.conv2d(x, p.get("conv.weight"), p.get("conv.bias"), ONE, new int[] {0, 1}, ONE, 3)));
  }

  @Test
  void convPointwiseWithoutBias() {
    run(new StaticNet_StepNets_ConvPointwiseNoBias(5), (p, x, training) ->
        TorchNN.conv2d(x, p.get("conv.weight"), null, ONE, ZERO, ONE, 1));
  }

  // ---- pooling ----

  @Test
  void maxPoolPaddedNonSquare() {
    run(new StaticNet_StepNets_MaxPoolPadded(6), (p, x, training) ->
        TorchNN.maxPool2d(x, new int[] {3, 2}, new int[] {2, 1}, ONE));
  }

  @Test
  void avgPoolPaddedCountsPaddingInDivisor() {
    run(new StaticNet_StepNets_AvgPoolPadded(7), (p, x, training) ->
        TorchNN.avgPool2d(x, new int[] {3, 2}, new int[] {2, 1}, ONE));
  }

  @Test
  void avgPoolTwoByOne() {
    run(new StaticNet_StepNets_AvgPoolNonSquare(8), (p, x, training) ->
        TorchNN.avgPool2d(x, new int[] {2, 1}, new int[] {2, 1}, ZERO));
  }

  @Test
  void globalAvgPool() {
    run(new StaticNet_StepNets_GlobalAvg(9), (p, x, training) -> TorchNN.globalAvgPool(x));
  }

  // ---- BatchNorm (C, H, W) ----

  @Test
  void batchNorm2dMomentum() {
    run(new StaticNet_StepNets_BatchNorm2d(10), (p, x, training) -> Torch.batchNorm(x, p.get("bn.running_mean"),
        p.get("bn.running_var"), p.get("bn.weight"), p.get("bn.bias"), training, 0.3f, 1e-5f));
  }

  @Test
  void batchNorm2dWithoutAffine() {
    run(new StaticNet_StepNets_BatchNorm2dNoAffine(11), (p, x, training) -> Torch.batchNorm(x,
        p.get("bn.running_mean"), p.get("bn.running_var"), null, null, training, 0.1f, 1e-3f));
  }

  @Test
  void convBatchNormRelu() {
    run(new StaticNet_StepNets_ConvBatchNormRelu(12), (p, x, training) -> {
      NDArray c = TorchNN.conv2d(x, p.get("conv.weight"), null, ONE, ONE, ONE, 1);
      return TorchNN.activation(Activation.RELU, Torch.batchNorm(c, p.get("bn.running_mean"),
          p.get("bn.running_var"), p.get("bn.weight"), p.get("bn.bias"), training, 0.1f, 1e-5f));
    });
  }

  // ---- embeddings ----

  @Test
  void embeddingThenPositionalEmbedding() {
    GeneratedModel m = new StaticNet_StepNets_EmbeddingPositional(13);
    Rng rng = new Rng(13);
    NetworkOracle.perturbConstants(m, rng);
    float[] ids = new float[BATCH * 7];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i < 3 ? 4 : rng.nextInt(11); // a repeated id: its rows of dweight accumulate
    }
    float[] targets = gaussian(rng, BATCH * 7 * 6, 1);
    NetworkOracle.compare("EmbeddingPositional", m, (p, x, training) ->
        TorchNN.embedding(x, p.get("embed.weight")).add(p.get("pos.weight")),
        new Batch(ids, new long[] {BATCH, 7}, true, Loss.MSE, null, targets));
  }

  // ---- recurrent ----

  @Test
  void rnnTanhReturningSequences() {
    run(new StaticNet_StepNets_RnnTanhSequences(14), recurrent("rnn", Kind.RNN_TANH, true));
  }

  @Test
  void rnnReluLastState() {
    run(new StaticNet_StepNets_RnnReluLast(15), recurrent("rnn", Kind.RNN_RELU, false));
  }

  @Test
  void lstmReturningSequences() {
    run(new StaticNet_StepNets_LstmSequences(16), recurrent("lstm", Kind.LSTM, true));
  }

  @Test
  void lstmLastState() {
    run(new StaticNet_StepNets_LstmLast(17), recurrent("lstm", Kind.LSTM, false));
  }

  @Test
  void gruReturningSequences() {
    run(new StaticNet_StepNets_GruSequences(18), recurrent("gru", Kind.GRU, true));
  }

  @Test
  void gruLastState() {
    run(new StaticNet_StepNets_GruLast(19), recurrent("gru", Kind.GRU, false));
  }

  // ---- attention ----

  @Test
  void attentionTwoHeads() {
    run(new StaticNet_StepNets_AttentionPlain(20), attention(2, false));
  }

  @Test
  void attentionCausalFourHeads() {
    run(new StaticNet_StepNets_AttentionCausal(21), attention(4, true));
  }

  @Test
  void attentionCausalWithoutBias() {
    run(new StaticNet_StepNets_AttentionNoBias(22), attention(2, true));
  }

  @Test
  void attentionWithoutOutProjection() {
    run(new StaticNet_StepNets_AttentionNoOutProjection(23), attention(2, false));
  }

  // ---- sequence pooling ----

  @Test
  void sequencePoolMean() {
    run(new StaticNet_StepNets_PoolMean(24), (p, x, training) -> TorchNN.sequencePool(PoolMode.MEAN, x));
  }

  @Test
  void sequencePoolLast() {
    run(new StaticNet_StepNets_PoolLast(25), (p, x, training) -> TorchNN.sequencePool(PoolMode.LAST, x));
  }

  @Test
  void sequencePoolFirst() {
    run(new StaticNet_StepNets_PoolFirst(26), (p, x, training) -> TorchNN.sequencePool(PoolMode.FIRST, x));
  }

  @Test
  void sequencePoolMax() {
    run(new StaticNet_StepNets_PoolMax(27), (p, x, training) -> TorchNN.sequencePool(PoolMode.MAX, x));
  }

  // ---- LayerNorm / Linear / GELU on (T, D), cross-entropy over (T, V) ----

  @Test
  void positionwiseLayersAndCrossEntropyOverPositions() {
    GeneratedModel m = new StaticNet_StepNets_PositionwiseCrossEntropy(28);
    Rng rng = new Rng(28);
    NetworkOracle.perturbConstants(m, rng);
    float[] x = gaussian(rng, BATCH * 5 * 8, 1);
    int[] labels = Data.labels(rng, BATCH * 5, 9);
    NetworkOracle.compare("PositionwiseCrossEntropy", m, (p, in, training) -> {
      NDArray n = Torch.layerNorm(in, 8, p.get("norm.weight"), p.get("norm.bias"), 1e-5f);
      NDArray h = Torch.gelu(Torch.linear(n, p.get("fc1.weight"), p.get("fc1.bias")));
      return Torch.linear(h, p.get("fc2.weight"), p.get("fc2.bias"));
    }, new Batch(x, new long[] {BATCH, 5, 8}, false, Loss.CROSS_ENTROPY, labels, null));
  }

  // ---- standalone activations, BatchNorm (C), LayerNorm without affine, the other losses ----

  @Test
  void activationStepsWithNllLoss() {
    run(new StaticNet_StepNets_ActivationStepsNll(29), (p, x, training) -> {
      NDArray h = Torch.leakyRelu(Torch.linear(x, p.get("fc1.weight"), p.get("fc1.bias")), 0.2f);
      h = TorchNN.activation(Activation.SIGMOID, Torch.linear(h, p.get("fc2.weight"), p.get("fc2.bias")));
      h = TorchNN.activation(Activation.LEAKY_RELU, Torch.linear(h, p.get("fc3.weight"), p.get("fc3.bias"))).tanh();
      return Torch.logSoftmax(Torch.linear(h, p.get("fc4.weight"), null));
    }, Loss.NLL);
  }

  @Test
  void softmaxStepWithBceLoss() {
    run(new StaticNet_StepNets_SoftmaxBce(30), (p, x, training) -> {
      NDArray h = TorchNN.activation(Activation.SIGMOID, Torch.linear(x, p.get("fc1.weight"), p.get("fc1.bias")));
      return Torch.softmax(Torch.linear(h, p.get("fc2.weight"), p.get("fc2.bias")));
    }, Loss.BCE);
  }

  @Test
  void batchNorm1dWithBceWithLogitsLoss() {
    run(new StaticNet_StepNets_BatchNorm1dBceLogits(31), (p, x, training) -> {
      NDArray h = Torch.batchNorm(Torch.linear(x, p.get("fc.weight"), null), p.get("bn.running_mean"),
          p.get("bn.running_var"), p.get("bn.weight"), p.get("bn.bias"), training, 0.1f, 1e-5f);
      return Torch.linear(TorchNN.activation(Activation.RELU, h), p.get("out.weight"), p.get("out.bias"));
    }, Loss.BCE_WITH_LOGITS);
  }

  @Test
  void layerNormWithoutAffineThenLinearWithoutBiasFusedGelu() {
    run(new StaticNet_StepNets_LayerNormNoAffine(32), (p, x, training) -> Torch.gelu(
        Torch.linear(Torch.layerNorm(x, 8, null, null, 1e-3f), p.get("fc.weight"), null)));
  }

  @Test
  void dropoutIsIdentityInEvalMode() {
    GeneratedModel m = new StaticNet_StepNets_DropoutEval(33);
    Rng rng = new Rng(33);
    float[] x = gaussian(rng, BATCH * 60, 1);
    Batch b = new Batch(x, new long[] {BATCH, 3, 4, 5}, false, Loss.MSE, null, gaussian(rng, BATCH * 3, 1));
    TorchNet net = (p, in, training) -> {
      NDArray h = TorchNN.conv2d(in, p.get("conv.weight"), p.get("conv.bias"), ONE, ZERO, ONE, 1);
      return Torch.linear(h.reshape(BATCH, -1), p.get("fc.weight"), p.get("fc.bias")); // F.dropout(training=False)
    };
    NetworkOracle.evalForward("DropoutEval", m, net, b);
    NetworkOracle.gradients("DropoutEval eval", m, net, b, false);
  }

  // ---- helpers ----

  enum Kind { RNN_TANH, RNN_RELU, LSTM, GRU }

  /** The recurrent step named {@code step} in libtorch's fused op. */
  static TorchNet recurrent(String step, Kind kind, boolean returnSequences) {
    return (p, x, training) -> {
      NDArray wIh = p.get(step + ".weight_ih_l0");
      NDArray wHh = p.get(step + ".weight_hh_l0");
      NDArray bIh = p.get(step + ".bias_ih_l0");
      NDArray bHh = p.get(step + ".bias_hh_l0");
      return switch (kind) {
        case RNN_TANH -> TorchNN.rnn(Activation.TANH, x, wIh, wHh, bIh, bHh, returnSequences);
        case RNN_RELU -> TorchNN.rnn(Activation.RELU, x, wIh, wHh, bIh, bHh, returnSequences);
        case LSTM -> TorchNN.lstm(x, wIh, wHh, bIh, bHh, returnSequences);
        case GRU -> TorchNN.gru(x, wIh, wHh, bIh, bHh, returnSequences);
      };
    };
  }

  /** The attention step named {@code attn}; absent tensors (no bias, no out projection) are null. */
  static TorchNet attention(int heads, boolean causal) {
    return (p, x, training) -> TorchNN.attention(x, p.get("attn.in_proj_weight"), p.get("attn.in_proj_bias"),
        p.get("attn.out_proj.weight"), p.get("attn.out_proj.bias"), heads, causal);
  }

  /** A float-input network trained on MSE against random targets: every check of {@link NetworkOracle}. */
  private static void run(GeneratedModel m, TorchNet net) {
    run(m, net, Loss.MSE);
  }

  /**
   * A float-input network: every check of {@link NetworkOracle}, with random targets (in [0, 1] for the BCE
   * losses) or random labels for the class losses.
   */
  private static void run(GeneratedModel m, TorchNet net, Loss loss) {
    String name = m.getClass().getSimpleName().replace("StaticNet_StepNets_", "");
    Rng rng = new Rng(name.hashCode());
    NetworkOracle.perturbConstants(m, rng);
    int[] dims = m.inputShape().dims();
    long[] shape = new long[dims.length + 1];
    shape[0] = BATCH;
    for (int i = 0; i < dims.length; i++) {
      shape[i + 1] = dims[i];
    }
    float[] x = gaussian(rng, BATCH * m.inputShape().size(), 1);
    int outputs = BATCH * m.outputShape().size();
    boolean classes = loss == Loss.CROSS_ENTROPY || loss == Loss.NLL;
    int[] labels = classes ? Data.labels(rng, outputs / m.outputShape().dims()[m.outputShape().dims().length - 1],
        m.outputShape().dims()[m.outputShape().dims().length - 1]) : null;
    float[] targets = classes ? null
        : loss == Loss.MSE ? gaussian(rng, outputs, 1) : Data.uniform(rng, outputs, 0f, 1f);
    NetworkOracle.compare(name, m, net, new Batch(x, shape, false, loss, labels, targets));
  }
}
