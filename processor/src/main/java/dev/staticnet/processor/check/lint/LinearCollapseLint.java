package dev.staticnet.processor.check.lint;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code linear-collapse}: a {@code @Linear}/{@code @Conv2d} without activation reaching another
 * weighted step through nothing but {@code @Flatten}, {@code @Dropout} or {@code @AvgPool2d}: all
 * affine, so the two weight matrices multiply into one (seed 000's first exercise).
 */
final class LinearCollapseLint implements Lint {
  private static final Set<StepKind> WEIGHTED = Set.of(StepKind.LINEAR, StepKind.CONV2D);
  private static final Set<StepKind> AFFINE_BETWEEN = Set.of(StepKind.FLATTEN, StepKind.DROPOUT, StepKind.AVG_POOL2D);

  @Override
  public void check(List<LintStep> run, boolean terminal, NetworkModel model, Reporter reporter) {
    for (int i = 0; i < run.size(); i++) {
      LintStep first = run.get(i);
      if (!WEIGHTED.contains(first.node().kind()) || !first.node().attrs().activation().equals("NONE")) {
        continue;
      }
      List<String> between = new ArrayList<>();
      for (int j = i + 1; j < run.size(); j++) {
        LintStep next = run.get(j);
        if (WEIGHTED.contains(next.node().kind())) {
          String via = between.isEmpty() ? "directly" : "through only " + String.join(", ", between);
          reporter.warn(Message.LINEAR_COLLAPSE, first.scope(), first.annotation(), null, first.node().path(),
              first.node().kind().simpleAnnotation(), next.node().path(), via);
          break;
        }
        if (!AFFINE_BETWEEN.contains(next.node().kind())) {
          break;
        }
        between.add("@" + next.node().kind().simpleAnnotation());
      }
    }
  }
}
