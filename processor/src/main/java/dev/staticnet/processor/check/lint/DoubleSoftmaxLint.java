package dev.staticnet.processor.check.lint;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.StepKind;
import java.util.List;

/** {@code double-softmax}: the last step is {@code @Softmax} and the loss is CROSS_ENTROPY (which takes logits). */
final class DoubleSoftmaxLint implements Lint {
  @Override
  public void check(List<LintStep> run, boolean terminal, NetworkModel model, Reporter reporter) {
    LintStep last = run.get(run.size() - 1);
    if (terminal && model.loss().equals("CROSS_ENTROPY") && last.node().kind() == StepKind.SOFTMAX) {
      reporter.warn(Message.DOUBLE_SOFTMAX, last.scope(), last.annotation(), null, last.node().path());
    }
  }
}
