package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.NetworkModel.InitSpec;
import dev.staticnet.processor.model.StepKind;
import java.util.EnumSet;
import java.util.Set;

/** Picks the {@link StepCode} of each operation. */
final class StepCodes {
  /** Kinds with a {@link StepCode}. */
  static final Set<StepKind> KINDS = EnumSet.of(StepKind.LINEAR, StepKind.FLATTEN, StepKind.RELU, StepKind.LEAKY_RELU,
      StepKind.SIGMOID, StepKind.TANH, StepKind.GELU, StepKind.SOFTMAX, StepKind.LOG_SOFTMAX, StepKind.DROPOUT,
      StepKind.LAYER_NORM, StepKind.BATCH_NORM,
      // sequence steps
      StepKind.EMBEDDING, StepKind.POSITIONAL_EMBEDDING, StepKind.RNN, StepKind.LSTM, StepKind.GRU,
      StepKind.MULTI_HEAD_ATTENTION, StepKind.SEQUENCE_POOL);

  private StepCodes() {}

  static StepCode of(Op op, NetworkModel network, InferenceFusion fusion) {
    if (op instanceof Op.Residual residual) {
      return new ResidualCode(residual);
    }
    Op.Layer layer = (Op.Layer) op;
    switch (layer.node().kind()) {
      case LINEAR:
        return new LinearCode(layer, initOverride(layer, network));
      case CONV2D:
        return new Conv2dCode(layer, initOverride(layer, network), fusion.foldOf(layer));
      case MAX_POOL2D:
      case AVG_POOL2D:
        return new PoolCode(layer);
      case GLOBAL_AVG_POOL:
        return new GlobalAvgPoolCode(layer);
      case FLATTEN:
        return new FlattenCode(layer);
      case RELU:
      case LEAKY_RELU:
      case SIGMOID:
      case TANH:
      case GELU:
        return new ActivationCode(layer, fusion.foldOf(layer));
      case SOFTMAX:
      case LOG_SOFTMAX:
        return new SoftmaxCode(layer);
      case DROPOUT:
        return new DropoutCode(layer);
      case LAYER_NORM:
        return new LayerNormCode(layer);
      case BATCH_NORM:
        return new BatchNormCode(layer, fusion.foldOf(layer));
      case EMBEDDING:
        return new EmbeddingCode(layer);
      case POSITIONAL_EMBEDDING:
        return new PositionalEmbeddingCode(layer);
      case RNN:
      case LSTM:
      case GRU:
        return new RecurrentCode(layer);
      case MULTI_HEAD_ATTENTION:
        return new AttentionCode(layer);
      case SEQUENCE_POOL:
        return new SequencePoolCode(layer);
      default:
        throw new IllegalArgumentException(layer.node().path() + ": no code generation for "
            + layer.node().kind().displayName() + " yet");
    }
  }

  /** The step's {@code @Init}, else the network's, else {@code null} (PyTorch's default). */
  private static InitSpec initOverride(Op.Layer layer, NetworkModel network) {
    String scheme = layer.node().attrs().initScheme();
    if (!scheme.equals("DEFAULT")) {
      return new InitSpec(scheme, layer.node().attrs().initStd());
    }
    InitSpec networkInit = network.networkInit();
    return networkInit == null || networkInit.scheme().equals("DEFAULT") ? null : networkInit;
  }

  /** Image kinds (Conv2d, pooling), added to {@link #KINDS}. */
  static final Set<StepKind> IMAGE_KINDS = EnumSet.of(StepKind.CONV2D, StepKind.MAX_POOL2D, StepKind.AVG_POOL2D,
      StepKind.GLOBAL_AVG_POOL);

  static {
    KINDS.addAll(IMAGE_KINDS);
  }
}
