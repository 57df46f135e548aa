package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.LayerNode;

/** {@code @SequencePool}: reduces {@code (T, D)} to {@code (D)} by mean, last, first or max over t. */
final class SequencePoolCode implements StepCode {
  private final Op.Layer op;
  private final String mode;
  private String steps;
  private String dim;

  SequencePoolCode(Op.Layer op) {
    this.op = op;
    this.mode = op.node().attrs().poolMode();
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    return n.path() + ": SequencePool " + mode + " " + Literals.shape(n.input()) + " -> " + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    steps = c.intConstant(op.constantPrefix() + "_STEPS", n.input().get(0));
    dim = c.intConstant(op.constantPrefix() + "_DIM", n.input().get(1));
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String y = p.act(op.out());
    p.statement("$T.forward($T.$L, $L, $L, batch, $L, $L)", SequenceTypes.SEQUENCE_POOL, SequenceTypes.POOL_MODE, mode,
        y, x, steps, dim);
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String x = p.act(op.in());
    String dx = p.grad(op.in());
    boolean guarded = p.guardInputGradient(op.in());
    p.statement("$T.backward($T.$L, $L, $L, $L, batch, $L, $L)", SequenceTypes.SEQUENCE_POOL, SequenceTypes.POOL_MODE,
        mode, dx, dy, x, steps, dim);
    if (guarded) {
      p.end();
    }
  }
}
