package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.LayerNode;

/**
 * {@code @Flatten}: row-major data is already flat, so the step is a view of its input and writes no
 * code; only when it is the network's output does it copy into the output slot.
 */
final class FlattenCode implements StepCode {
  private final Op.Layer op;
  private String n;

  FlattenCode(Op.Layer op) {
    this.op = op;
  }

  private boolean view() {
    return op.out() == op.in();
  }

  @Override
  public String description() {
    LayerNode node = op.node();
    return node.path() + ": Flatten " + Literals.shape(node.input()) + " -> " + Literals.shape(node.output())
        + (view() ? ", a view of " + op.in().variable() : "");
  }

  @Override
  public void constants(Constants c) {
    if (!view()) {
      n = "batch * " + c.intConstant(op.constantPrefix() + "_SIZE", op.node().output().size());
    }
  }

  @Override
  public void forward(Pass p) {
    if (!view()) {
      String x = p.act(op.in());
      String y = p.act(op.out());
      p.statement("$T.copy($L, $L, $L)", RuntimeTypes.TENSORS, y, x, n);
    }
  }

  @Override
  public void backward(Pass p) {
    if (!view()) {
      String dy = p.grad(op.out());
      String dx = p.grad(op.in());
      boolean guarded = p.guardInputGradient(op.in());
      p.statement("$T.accumulate($L, $L, $L)", RuntimeTypes.TENSORS, dx, dy, n);
      if (guarded) {
        p.end();
      }
    }
  }
}
