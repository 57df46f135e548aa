package dev.staticnet.processor.check.lint;

import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.NetworkModel;
import java.util.List;

/** One lint rule: looks at a straight run of layers (no residual branch inside) and may warn. */
interface Lint {
  /**
   * @param run      consecutive layers through which data flows one to the next
   * @param terminal whether the run ends the network (its last layer feeds the loss)
   */
  void check(List<LintStep> run, boolean terminal, NetworkModel model, Reporter reporter);
}
