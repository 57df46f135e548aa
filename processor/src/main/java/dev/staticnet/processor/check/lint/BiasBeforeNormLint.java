package dev.staticnet.processor.check.lint;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * {@code bias-before-norm}: a {@code @Linear}/{@code @Conv2d} with bias and no activation directly
 * followed by {@code @BatchNorm}, which subtracts the per-channel mean and so cancels the bias.
 * Suppressible on either step.
 */
final class BiasBeforeNormLint implements Lint {
  @Override
  public void check(List<LintStep> run, boolean terminal, NetworkModel model, Reporter reporter) {
    for (int i = 0; i + 1 < run.size(); i++) {
      LintStep step = run.get(i);
      LayerNode n = step.node();
      boolean weighted = n.kind() == StepKind.LINEAR || n.kind() == StepKind.CONV2D;
      LintStep next = run.get(i + 1);
      if (weighted && n.attrs().bias() && n.attrs().activation().equals("NONE")
          && next.node().kind() == StepKind.BATCH_NORM) {
        List<Element> scope = new ArrayList<>(step.scope());
        scope.add(next.node().element());
        int biasSize = n.attrs().out();
        reporter.warn(Message.BIAS_BEFORE_NORM, scope, step.annotation(), step.value("bias"), n.path(),
            n.kind().simpleAnnotation(), next.node().path(), biasSize);
      }
    }
  }
}
