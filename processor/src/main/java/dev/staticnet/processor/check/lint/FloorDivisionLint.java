package dev.staticnet.processor.check.lint;

import dev.staticnet.processor.check.SlidingWindow;
import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code floor-division}: a conv/pool whose windows, stepping by the stride, stop before the end of
 * the input, so the last rows or columns never reach the output ({@code H'} is a floor).
 */
final class FloorDivisionLint implements Lint {
  @Override
  public void check(List<LintStep> run, boolean terminal, NetworkModel model, Reporter reporter) {
    for (LintStep step : run) {
      LayerNode n = step.node();
      if (n.kind() != StepKind.CONV2D && n.kind() != StepKind.MAX_POOL2D && n.kind() != StepKind.AVG_POOL2D) {
        continue;
      }
      Attrs a = n.attrs();
      int[] d = n.kind() == StepKind.CONV2D ? a.dilation() : new int[] {1, 1};
      Dims in = n.input();
      int rows = SlidingWindow.droppedRows(in.get(1), a.kernel()[0], a.stride()[0], a.padding()[0], d[0]);
      int cols = SlidingWindow.droppedRows(in.get(2), a.kernel()[1], a.stride()[1], a.padding()[1], d[1]);
      if (rows == 0 && cols == 0) {
        continue;
      }
      List<String> lost = new ArrayList<>();
      if (rows > 0) {
        lost.add(rows + (rows == 1 ? " row" : " rows"));
      }
      if (cols > 0) {
        lost.add(cols + (cols == 1 ? " column" : " columns"));
      }
      reporter.warn(Message.FLOOR_DIVISION, step.scope(), step.annotation(), step.value("stride"), n.path(),
          n.kind().simpleAnnotation(), in.get(1) + "x" + in.get(2), String.join(" and ", lost),
          "(output " + n.output().get(1) + "x" + n.output().get(2) + ")");
    }
  }
}
