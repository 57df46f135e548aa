package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.BlockNode;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.Node;
import dev.staticnet.processor.model.ParamSpec;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where everything of a network lives: each tensor's offset in the flat arrays (in
 * {@code state_dict} order), each activation's workspace slot, and the operations in forward order.
 * Slot 0 is the input; the last slot is the output.
 */
final class NetworkPlan {
  /** Names the generated class already uses (fields of {@code GeneratedModel}, method parameters). */
  private static final String[] RESERVED_VARIABLES = {
    "ws", "training", "batch", "params", "grads", "buffers", "counters", "rng", "x", "dX", "fold", "foldedParams"
  };
  /** Parameter-free kinds whose backward skips itself when its input gradient is {@code null}. */
  private static final Set<StepKind> GUARDED_KINDS = EnumSet.of(StepKind.RELU,
      StepKind.LEAKY_RELU, StepKind.SIGMOID, StepKind.TANH, StepKind.GELU, StepKind.DROPOUT, StepKind.FLATTEN,
      StepKind.MAX_POOL2D, StepKind.AVG_POOL2D, StepKind.GLOBAL_AVG_POOL);

  private static final String[] RESERVED_CONSTANTS = {"SPEC", "SUMMARY", "PARAMETER_COUNT", "NO_PARAM"};

  final NetworkModel network;
  final List<PlacedTensor> tensors = new ArrayList<>();
  final List<Slot> slots = new ArrayList<>();
  final List<Op> ops = new ArrayList<>();
  /** For each top-level step, the index of its first operation in {@link #ops} (blocks span several). */
  final List<Integer> topLevelStart = new ArrayList<>();
  /** BatchNorm steps over {@code (C)}: they need a training batch of at least 2. */
  final List<String> batchStatisticsSteps = new ArrayList<>();
  /**
   * Slots whose gradient leads only to the input gradient: the outputs of the parameter-free steps
   * (pooling, activations, …) that open the network before its first step with parameters. Training
   * computes them only when the caller asks for the input gradient.
   */
  final Set<Integer> optionalGradients = new TreeSet<>();
  /** The activations steps apply to their own pre-activation slots, in op order (shared arrays). */
  final List<FusedActivation> fusedActivations = new ArrayList<>();
  /** What inference does differently: folded BatchNorms, in-place activations. Set once ops are planned. */
  InferenceFusion fusion;

  private final Names variables = new Names(RESERVED_VARIABLES);
  private final Names constants = new Names(RESERVED_CONSTANTS);
  private final LayerNode lastLeaf;
  private int paramSize;
  private int bufferSize;
  private int counterSize;

  private NetworkPlan(NetworkModel network) {
    this.network = network;
    this.lastLeaf = lastLeaf(network.steps());
    slots.add(new Slot(0, "x", network.input().size(), 0, false));
  }

  static NetworkPlan of(NetworkModel network) {
    NetworkPlan plan = new NetworkPlan(network);
    Slot x = plan.slots.get(0);
    for (Node step : network.steps()) {
      plan.topLevelStart.add(plan.ops.size());
      x = plan.planAll(List.of(step), x);
    }
    for (Op op : plan.ops) {
      FusedActivation fused = FusedActivation.of(op);
      if (fused != null) {
        plan.fusedActivations.add(fused);
      }
    }
    plan.fusion = InferenceFusion.of(plan.ops, plan.constants::unique);
    plan.markOptionalGradients();
    return plan;
  }

  /** Fills {@link #optionalGradients}: walks the leading parameter-free steps whose backward is guarded. */
  private void markOptionalGradients() {
    Slot out = output();
    int reached = 0;
    for (Op op : ops) {
      if (!(op instanceof Op.Layer l) || !l.tensors().isEmpty() || l.pre() != null || l.in().index() != reached
          || l.out() == out || !GUARDED_KINDS.contains(l.node().kind())) {
        return;
      }
      if (l.out().index() != reached) {
        optionalGradients.add(l.out().index());
        reached = l.out().index();
      }
    }
  }

  Slot output() {
    return slots.get(slots.size() - 1);
  }

  private Slot planAll(List<Node> nodes, Slot in) {
    Slot x = in;
    for (Node n : nodes) {
      x = n instanceof LayerNode layer ? planLayer(layer, x) : planBlock((BlockNode) n, x);
    }
    return x;
  }

  private Slot planBlock(BlockNode block, Slot in) {
    Slot body = planAll(block.body(), in);
    if (!block.residual()) {
      return body;
    }
    Slot shortcut = block.shortcut().isEmpty() ? in : planAll(block.shortcut(), in);
    String var = variables.unique(Names.variable(block.path()));
    long size = block.output().size();
    Slot sum;
    Slot out;
    if (block.residualActivation().equals("NONE")) {
      sum = activation(var, size);
      out = sum;
    } else {
      sum = activation(variables.unique(var + "Sum"), size);
      out = activation(var, size);
    }
    ops.add(new Op.Residual(block, constants.unique(Names.constant(block.path())), body, shortcut, sum, out));
    return out;
  }

  private Slot planLayer(LayerNode layer, Slot in) {
    String prefix = constants.unique(Names.constant(layer.path()));
    List<PlacedTensor> placed = new ArrayList<>();
    for (ParamSpec p : layer.params()) {
      placed.add(place(layer.path(), prefix, p));
    }
    String var = variables.unique(Names.variable(layer.path()));
    long size = layer.output().size();
    Slot pre = null;
    List<Slot> caches = new ArrayList<>();
    Slot out;
    switch (layer.kind()) {
      case FLATTEN:
        // A view: the bytes are already in order. Only the network's output needs its own slot.
        out = layer == lastLeaf ? activation(var, size) : in;
        break;
      case LINEAR:
      case CONV2D:
        if (!layer.attrs().activation().equals("NONE")) {
          pre = activation(variables.unique(var + "Pre"), size);
        }
        out = activation(var, size);
        break;
      case LAYER_NORM: {
        long rowsPerSample = layer.input().size() / layer.input().last();
        caches.add(cache(variables.unique(var + "Mean"), rowsPerSample, 0));
        caches.add(cache(variables.unique(var + "Rstd"), rowsPerSample, 0));
        out = activation(var, size);
        break;
      }
      case BATCH_NORM: {
        int channels = layer.input().get(0);
        caches.add(cache(variables.unique(var + "Mean"), 0, channels));
        caches.add(cache(variables.unique(var + "Rstd"), 0, channels));
        if (layer.input().rank() == 1) {
          batchStatisticsSteps.add(layer.path());
        }
        out = activation(var, size);
        break;
      }
      case DROPOUT:
        caches.add(cache(variables.unique(var + "Mask"), size, 0));
        out = activation(var, size);
        break;
      case RNN:
      case LSTM:
      case GRU:
      case MULTI_HEAD_ATTENTION:
        caches.add(cache(variables.unique(var + "Cache"), SequenceCaches.perSample(layer),
            SequenceCaches.fixed(layer)));
        out = activation(var, size);
        break;
      default:
        out = activation(var, size);
    }
    ops.add(new Op.Layer(layer, prefix, in, out, pre, caches, placed));
    return out;
  }

  private PlacedTensor place(String path, String prefix, ParamSpec p) {
    PlacedTensor.Store store = PlacedTensor.Store.of(p.role());
    String constant = constants.unique(prefix + "_" + Names.constant(p.name()));
    int size = Math.toIntExact(p.size());
    int offset;
    switch (store) {
      case PARAM:
        offset = paramSize;
        paramSize = Math.addExact(paramSize, size);
        break;
      case BUFFER:
        offset = bufferSize;
        bufferSize = Math.addExact(bufferSize, size);
        break;
      default:
        offset = counterSize;
        counterSize++;
    }
    PlacedTensor t = new PlacedTensor(path + "." + p.name(), p, store, offset, constant);
    tensors.add(t);
    return t;
  }

  private Slot activation(String var, long perSample) {
    Slot s = new Slot(slots.size(), var, perSample, 0, false);
    slots.add(s);
    return s;
  }

  private Slot cache(String var, long perSample, long fixed) {
    Slot s = new Slot(slots.size(), var, perSample, fixed, true);
    slots.add(s);
    return s;
  }

  /** The layer whose output is the network's output, or {@code null} if a residual addition is. */
  private static LayerNode lastLeaf(List<Node> nodes) {
    if (nodes.isEmpty()) {
      return null;
    }
    Node last = nodes.get(nodes.size() - 1);
    if (last instanceof LayerNode layer) {
      return layer;
    }
    BlockNode block = (BlockNode) last;
    return block.residual() ? null : lastLeaf(block.body());
  }
}
