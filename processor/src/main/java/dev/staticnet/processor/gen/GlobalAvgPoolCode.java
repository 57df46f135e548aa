package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.LayerNode;

/**
 * {@code @GlobalAvgPool}: {@code (C, H, W) → (C)}, the mean of each channel plane, through
 * {@code GlobalAvgPoolKernel}.
 */
final class GlobalAvgPoolCode implements StepCode {
  private final Op.Layer op;
  private String channels;
  private String spatial;

  GlobalAvgPoolCode(Op.Layer op) {
    this.op = op;
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    return n.path() + ": GlobalAvgPool " + Literals.shape(n.input()) + " -> " + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    String prefix = op.constantPrefix();
    channels = c.intConstant(prefix + "_CHANNELS", n.input().get(0));
    spatial = c.intConstant(prefix + "_SPATIAL", n.input().size() / n.input().get(0));
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String y = p.act(op.out());
    p.statement("$T.forward($L, $L, batch, $L, $L)", RuntimeTypes.GLOBAL_AVG_POOL, y, x, channels, spatial);
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String dx = p.grad(op.in());
    boolean guarded = p.guardInputGradient(op.in());
    p.statement("$T.backward($L, $L, batch, $L, $L)", RuntimeTypes.GLOBAL_AVG_POOL, dx, dy, channels, spatial);
    if (guarded) {
      p.end();
    }
  }
}
