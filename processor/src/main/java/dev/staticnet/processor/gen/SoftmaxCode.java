package dev.staticnet.processor.gen;

import com.palantir.javapoet.ClassName;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.StepKind;

/** {@code @Softmax} and {@code @LogSoftmax} over the last axis (rows = batch · leading axes). */
final class SoftmaxCode implements StepCode {
  private final Op.Layer op;
  private final ClassName kernel;
  private String features;
  private String positions;

  SoftmaxCode(Op.Layer op) {
    this.op = op;
    this.kernel = op.node().kind() == StepKind.SOFTMAX ? RuntimeTypes.SOFTMAX : RuntimeTypes.LOG_SOFTMAX;
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    return n.path() + ": " + n.kind().displayName() + " over the last axis " + Literals.shape(n.input()) + " -> "
        + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    features = c.intConstant(op.constantPrefix() + "_FEATURES", n.input().last());
    if (n.input().rank() > 1) {
      positions = c.intConstant(op.constantPrefix() + "_POSITIONS", n.input().size() / n.input().last());
    }
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String y = p.act(op.out());
    p.statement("$T.forward($L, $L, $L, $L)", kernel, y, x, StepCode.rows(positions), features);
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String y = p.act(op.out());
    String dx = p.grad(op.in());
    boolean guarded = p.guardInputGradient(op.in());
    p.statement("$T.backward($L, $L, $L, $L, $L)", kernel, dx, dy, y, StepCode.rows(positions), features);
    if (guarded) {
      p.end();
    }
  }
}
