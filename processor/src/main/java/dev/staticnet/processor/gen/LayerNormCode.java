package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;
import dev.staticnet.processor.model.LayerNode;

/** {@code @LayerNorm} over the last axis; the forward pass caches each row's mean and 1/std. */
final class LayerNormCode implements StepCode {
  private final Op.Layer op;
  private String features;
  private String positions;
  private String eps;

  LayerNormCode(Op.Layer op) {
    this.op = op;
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    return n.path() + ": LayerNorm" + (n.attrs().affine() ? "" : " (no affine)") + " over the last axis "
        + Literals.shape(n.input()) + " -> " + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    features = c.intConstant(op.constantPrefix() + "_FEATURES", n.input().last());
    if (n.input().rank() > 1) {
      positions = c.intConstant(op.constantPrefix() + "_POSITIONS", n.input().size() / n.input().last());
    }
    eps = c.floatConstant(op.constantPrefix() + "_EPS", n.attrs().eps());
  }

  private String offset(String tensor) {
    PlacedTensor t = op.tensor(tensor);
    return t == null ? "NO_PARAM" : t.constant();
  }

  @Override
  public void initialise(CodeBlock.Builder code) {
    if (op.tensor("weight") != null) {
      code.addStatement("$T.fill(params, $L, $L, 1f)", RuntimeTypes.INIT, offset("weight"), features);
      code.addStatement("$T.fill(params, $L, $L, 0f)", RuntimeTypes.INIT, offset("bias"), features);
    }
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String mean = p.act(op.caches().get(0));
    String rstd = p.act(op.caches().get(1));
    String y = p.act(op.out());
    p.statement("$T.forward($L, $L, $L, $L, params, $L, $L, $L, $L, $L)", RuntimeTypes.LAYER_NORM, y, mean, rstd, x,
        offset("weight"), offset("bias"), StepCode.rows(positions), features, eps);
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String x = p.act(op.in());
    String mean = p.act(op.caches().get(0));
    String rstd = p.act(op.caches().get(1));
    String dx = p.grad(op.in());
    p.statement("$T.backward($L, grads, $L, $L, $L, $L, params, $L, $L, $L, $L)", RuntimeTypes.LAYER_NORM, dx, dy, x,
        mean, rstd, offset("weight"), offset("bias"), StepCode.rows(positions), features);
  }
}
