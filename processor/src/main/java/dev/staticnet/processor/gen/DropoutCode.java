package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.LayerNode;

/** {@code @Dropout}: inverted dropout with a cached mask in train mode, a copy in eval mode. */
final class DropoutCode implements StepCode {
  private final Op.Layer op;
  private String n;
  private String p;

  DropoutCode(Op.Layer op) {
    this.op = op;
  }

  @Override
  public String description() {
    LayerNode node = op.node();
    return node.path() + ": Dropout(p = " + node.attrs().p() + ") " + Literals.shape(node.input()) + " -> "
        + Literals.shape(node.output());
  }

  @Override
  public void constants(Constants c) {
    n = "batch * " + c.intConstant(op.constantPrefix() + "_SIZE", op.node().output().size());
    p = c.floatConstant(op.constantPrefix() + "_P", op.node().attrs().p());
  }

  @Override
  public void forward(Pass pass) {
    String x = pass.act(op.in());
    String mask = pass.act(op.caches().get(0));
    String y = pass.act(op.out());
    pass.beginIf("training");
    pass.statement("$T.forward($L, $L, $L, $L, $L, rng)", RuntimeTypes.DROPOUT, y, mask, x, n, p);
    pass.orElse();
    pass.statement("$T.copy($L, $L, $L)", RuntimeTypes.TENSORS, y, x, n);
    pass.end();
  }

  @Override
  public void backward(Pass pass) {
    String dy = pass.grad(op.out());
    String mask = pass.act(op.caches().get(0));
    String dx = pass.grad(op.in());
    boolean guarded = pass.guardInputGradient(op.in());
    pass.beginIf("training");
    pass.statement("$T.backward($L, $L, $L, $L)", RuntimeTypes.DROPOUT, dx, dy, mask, n);
    pass.orElse();
    pass.statement("$T.accumulate($L, $L, $L)", RuntimeTypes.TENSORS, dx, dy, n);
    pass.end();
    if (guarded) {
      pass.end();
    }
  }
}
