package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel.InitSpec;

/**
 * {@code @Linear}: {@code y = x Wᵀ + b} over the last axis (rows = batch · leading axes), with an
 * optional fused activation written into a second slot.
 */
final class LinearCode implements StepCode {
  private final Op.Layer op;
  private final InitSpec init;
  private final String activation;
  private String in;
  private String out;
  private String positions;
  private String slope;

  /** @param init the {@code @Init} override in force for this step, or {@code null} for PyTorch's default */
  LinearCode(Op.Layer op, InitSpec init) {
    this.op = op;
    this.init = init;
    this.activation = op.node().attrs().activation();
  }

  private boolean fused() {
    return !activation.equals("NONE");
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    return n.path() + ": Linear" + (fused() ? " + " + ActivationCall.displayName(activation) : "") + " "
        + Literals.shape(n.input()) + " -> " + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    String prefix = op.constantPrefix();
    in = c.intConstant(prefix + "_IN", n.input().last());
    out = c.intConstant(prefix + "_OUT", n.output().last());
    if (n.input().rank() > 1) {
      positions = c.intConstant(prefix + "_POSITIONS", n.input().size() / n.input().last());
    }
    if (fused()) {
      slope = ActivationCall.slopeConstant(c, activation, prefix, n.attrs().slope());
    }
  }

  private String weight() {
    return op.tensor("weight").constant();
  }

  private String bias() {
    PlacedTensor b = op.tensor("bias");
    return b == null ? "NO_PARAM" : b.constant();
  }

  @Override
  public void initialise(CodeBlock.Builder code) {
    PlacedTensor bias = op.tensor("bias");
    if (init == null) {
      // PyTorch: weight and bias ~ U(-1/sqrt(in), 1/sqrt(in))
      code.addStatement("$T.uniform(params, $L, $L * $L, (float) (1 / $T.sqrt($L)), rng)", RuntimeTypes.INIT, weight(),
          out, in, Math.class, in);
      if (bias != null) {
        code.addStatement("$T.uniform(params, $L, $L, (float) (1 / $T.sqrt($L)), rng)", RuntimeTypes.INIT,
            bias.constant(), out, Math.class, in);
      }
    } else {
      code.addStatement("$T.apply($T.$L, params, $L, $L * $L, $L, $L, $L, rng)", RuntimeTypes.INIT,
          RuntimeTypes.INIT_SCHEME, init.scheme(), weight(), out, in, in, out, Literals.floating(init.std()));
      if (bias != null) {
        code.addStatement("$T.fill(params, $L, $L, 0f)", RuntimeTypes.INIT, bias.constant(), out);
      }
    }
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    if (fused()) {
      String pre = p.act(op.pre());
      String y = p.act(op.out());
      p.statement("$T.forward(ws.packedWeights(), $L, $L, params, $L, $L, $L, $L, $L)", RuntimeTypes.DENSE, pre, x, weight(), bias(),
          StepCode.rows(positions), in, out);
      ActivationCall.forward(p, activation, y, pre, StepCode.rows(positions) + " * " + out, slope);
    } else {
      String y = p.act(op.out());
      p.statement("$T.forward(ws.packedWeights(), $L, $L, params, $L, $L, $L, $L, $L)", RuntimeTypes.DENSE, y, x, weight(), bias(),
          StepCode.rows(positions), in, out);
    }
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    if (fused()) {
      String pre = p.act(op.pre());
      String y = p.act(op.out());
      String dPre = p.grad(op.pre());
      ActivationCall.backward(p, activation, dPre, dy, pre, y, StepCode.rows(positions) + " * " + out, slope,
          p.gradientWrite(op.pre()));
      dy = dPre;
    }
    String x = p.act(op.in());
    String dx = p.grad(op.in());
    p.statement("$T.backward($L, grads, $L, $L, params, $L, $L, $L, $L, $L$L)", RuntimeTypes.DENSE, dx, dy, x, weight(),
        bias(), StepCode.rows(positions), in, out, p.gradientWrite(op.in()));
  }
}
