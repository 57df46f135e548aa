package dev.staticnet.processor.gen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.StepKind;
import java.util.Locale;

/**
 * {@code @RNN}, {@code @LSTM}, {@code @GRU}: one recurrent layer over {@code (T, F)}, all states or
 * the last one out, backpropagation through time in the backward pass. Tensors are PyTorch's
 * {@code weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0}; the kernel keeps its states in the
 * step's cache slot.
 */
final class RecurrentCode implements StepCode {
  private final Op.Layer op;
  private String steps;
  private String in;
  private String hidden;
  private String gateRows;
  private String returnSequences;

  RecurrentCode(Op.Layer op) {
    this.op = op;
  }

  private LayerNode node() {
    return op.node();
  }

  private ClassName kernel() {
    switch (node().kind()) {
      case RNN:
        return SequenceTypes.RNN;
      case LSTM:
        return SequenceTypes.LSTM;
      default:
        return SequenceTypes.GRU;
    }
  }

  /** Gate blocks stacked in the weights: LSTM i, f, g, o; GRU r, z, n; RNN one. */
  private int gates() {
    switch (node().kind()) {
      case LSTM:
        return 4;
      case GRU:
        return 3;
      default:
        return 1;
    }
  }

  /** {@code "Activation.TANH, "} for an RNN, else nothing. */
  private CodeBlock activationArgument() {
    if (node().kind() != StepKind.RNN) {
      return CodeBlock.of("");
    }
    return CodeBlock.of("$T.$L, ", RuntimeTypes.ACTIVATION, node().attrs().nonlinearity());
  }

  @Override
  public String description() {
    LayerNode n = node();
    String kind = n.kind().displayName() + (n.kind() == StepKind.RNN
        ? " (" + n.attrs().nonlinearity().toLowerCase(Locale.ROOT) + ")" : "");
    return n.path() + ": " + kind + (n.attrs().returnSequences() ? ", every step" : ", last step") + " "
        + Literals.shape(n.input()) + " -> " + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = node();
    String prefix = op.constantPrefix();
    steps = c.intConstant(prefix + "_STEPS", n.input().get(0));
    in = c.intConstant(prefix + "_IN", n.input().get(1));
    hidden = c.intConstant(prefix + "_HIDDEN", n.attrs().hidden());
    returnSequences = BooleanConstants.add(c, prefix + "_RETURN_SEQUENCES", n.attrs().returnSequences());
    gateRows = gates() == 1 ? hidden : gates() + " * " + hidden;
  }

  private String tensor(String name) {
    PlacedTensor t = op.tensor(name);
    return t == null ? "NO_PARAM" : t.constant();
  }

  @Override
  public void initialise(CodeBlock.Builder code) {
    // PyTorch: every tensor ~ U(-1/sqrt(hidden), 1/sqrt(hidden))
    code.addStatement("$T.uniform(params, $L, $L * $L, (float) (1 / $T.sqrt($L)), rng)", RuntimeTypes.INIT,
        tensor("weight_ih_l0"), gateRows, in, Math.class, hidden);
    code.addStatement("$T.uniform(params, $L, $L * $L, (float) (1 / $T.sqrt($L)), rng)", RuntimeTypes.INIT,
        tensor("weight_hh_l0"), gateRows, hidden, Math.class, hidden);
    code.addStatement("$T.uniform(params, $L, $L, (float) (1 / $T.sqrt($L)), rng)", RuntimeTypes.INIT,
        tensor("bias_ih_l0"), gateRows, Math.class, hidden);
    code.addStatement("$T.uniform(params, $L, $L, (float) (1 / $T.sqrt($L)), rng)", RuntimeTypes.INIT,
        tensor("bias_hh_l0"), gateRows, Math.class, hidden);
  }

  private CodeBlock offsetsAndSizes() {
    return CodeBlock.of("params, $L, $L, $L, $L, batch, $L, $L, $L, $L", tensor("weight_ih_l0"),
        tensor("weight_hh_l0"), tensor("bias_ih_l0"), tensor("bias_hh_l0"), steps, in, hidden,
        returnSequences);
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String cache = p.act(op.caches().get(0));
    String y = p.act(op.out());
    p.statement("$T.forward($L$L, $L, $L, $L)", kernel(), activationArgument(), y, cache, x, offsetsAndSizes());
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String x = p.act(op.in());
    String cache = p.act(op.caches().get(0));
    String dx = p.grad(op.in());
    p.statement("$T.backward($L$L, grads, $L, $L, $L, $L)", kernel(), activationArgument(), dx, dy, x, cache,
        offsetsAndSizes());
  }
}
