package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.LayerNode;

/** {@code @ReLU}, {@code @LeakyReLU}, {@code @Sigmoid}, {@code @Tanh}, {@code @GELU}: element-wise. */
final class ActivationCode implements StepCode {
  private final Op.Layer op;
  /** The {@code Activation} constant: the step kinds are named like them. */
  private final String activation;
  private final InferenceFusion.Fold fold;
  private String n;
  private String slope;

  /** @param fold the folded convolution whose epilogue applies this ReLU for inference, or {@code null} */
  ActivationCode(Op.Layer op, InferenceFusion.Fold fold) {
    this.op = op;
    this.activation = op.node().kind().name();
    this.fold = fold;
  }

  @Override
  public String description() {
    LayerNode node = op.node();
    return node.path() + ": " + node.kind().displayName() + " " + Literals.shape(node.input()) + " -> "
        + Literals.shape(node.output());
  }

  @Override
  public void constants(Constants c) {
    n = "batch * " + c.intConstant(op.constantPrefix() + "_SIZE", op.node().output().size());
    slope = ActivationCall.slopeConstant(c, activation, op.constantPrefix(), op.node().attrs().slope());
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String y = p.act(op.out());
    if (fold == null) {
      ActivationCall.forward(p, activation, y, x, n, slope);
      return;
    }
    p.beginIf("!" + p.foldFlag());
    p.comment("(the inference pass applies it in $L's epilogue)", fold.conv().node().path());
    ActivationCall.forward(p, activation, y, x, n, slope);
    p.end();
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String x = p.act(op.in());
    String y = p.act(op.out());
    String dx = p.grad(op.in());
    boolean guarded = p.guardInputGradient(op.in());
    ActivationCall.backward(p, activation, dx, dy, x, y, n, slope, p.gradientWrite(op.in()));
    if (guarded) {
      p.end();
    }
  }
}
