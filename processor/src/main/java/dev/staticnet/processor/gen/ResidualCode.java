package dev.staticnet.processor.gen;

/**
 * The end of a {@code @Residual} block: {@code out = act(body + shortcut)}. Backward passes the sum's
 * gradient to both branches (each accumulates it).
 */
final class ResidualCode implements StepCode {
  private final Op.Residual op;
  private final String activation;
  private String n;
  private String slope;

  ResidualCode(Op.Residual op) {
    this.op = op;
    this.activation = op.node().residualActivation();
  }

  private boolean activated() {
    return !activation.equals("NONE");
  }

  @Override
  public String description() {
    String sum = op.body().variable() + " + " + op.shortcut().variable();
    return op.node().path() + ": residual, " + op.out().variable() + " = "
        + (activated() ? ActivationCall.displayName(activation) + "(" + sum + ")" : sum) + " "
        + Literals.shape(op.node().output());
  }

  @Override
  public void constants(Constants c) {
    n = "batch * " + c.intConstant(op.constantPrefix() + "_SIZE", op.node().output().size());
    if (activated()) {
      slope = ActivationCall.slopeConstant(c, activation, op.constantPrefix(), 0.01);
    }
  }

  @Override
  public void forward(Pass p) {
    String body = p.act(op.body());
    String shortcut = p.act(op.shortcut());
    String sum = p.act(op.sum());
    p.statement("$T.add($L, $L, $L, $L)", RuntimeTypes.TENSORS, sum, body, shortcut, n);
    if (activated()) {
      String out = p.act(op.out());
      ActivationCall.forward(p, activation, out, sum, n, slope);
    }
  }

  @Override
  public void backward(Pass p) {
    String dSum = p.grad(op.sum());
    if (activated()) {
      String dOut = p.grad(op.out());
      String sum = p.act(op.sum());
      String out = p.act(op.out());
      ActivationCall.backward(p, activation, dSum, dOut, sum, out, n, slope, p.gradientWrite(op.sum()));
    }
    accumulate(p, op.body(), dSum);
    accumulate(p, op.shortcut(), dSum);
  }

  private void accumulate(Pass p, Slot branch, String dSum) {
    String dBranch = p.grad(branch);
    boolean guarded = p.guardInputGradient(branch);
    p.statement("$T.accumulate($L, $L, $L)", RuntimeTypes.TENSORS, dBranch, dSum, n);
    if (guarded) {
      p.end();
    }
  }
}
