package dev.staticnet.processor.check;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.parse.Mirrors;
import dev.staticnet.processor.parse.NetworkDecl;

/**
 * The loss must fit the network's output: CROSS_ENTROPY and NLL take class scores {@code (K)} or
 * {@code (T, K)} (one label per position); BCE*, MSE and NONE take any shape.
 */
public final class LossCheck {
  private final Reporter reporter;

  public LossCheck(Reporter reporter) {
    this.reporter = reporter;
  }

  public void check(NetworkDecl decl, NetworkModel model) {
    boolean classes = decl.loss().equals("CROSS_ENTROPY") || decl.loss().equals("NLL");
    int rank = model.output().rank();
    if (classes && rank != 1 && rank != 2) {
      reporter.error(Message.LOSS_SHAPE, decl.type(), decl.mirror(), Mirrors.explicit(decl.mirror(), "loss"),
          decl.type().getSimpleName(), decl.loss(), Shapes.text(model.output()));
    }
  }
}
