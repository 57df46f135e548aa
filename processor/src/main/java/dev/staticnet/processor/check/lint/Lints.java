package dev.staticnet.processor.check.lint;

import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.BlockNode;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * Runs every lint on a checked network. The network is cut into straight runs: plain blocks are
 * inlined into the run around them, while a residual block ends the run (its body and shortcut
 * are runs of their own), because an addition sits between its last layer and what follows.
 */
public final class Lints {
  private static final List<Lint> ALL = List.of(
      new DoubleSoftmaxLint(), new LinearCollapseLint(), new BiasBeforeNormLint(), new FloorDivisionLint());

  private final Reporter reporter;

  public Lints(Reporter reporter) {
    this.reporter = reporter;
  }

  public void run(NetworkModel model) {
    List<List<LintStep>> runs = new ArrayList<>();
    List<LintStep> current = new ArrayList<>();
    split(model.steps(), new ArrayList<>(List.of(model.element())), current, runs);
    boolean lastIsLayer = !current.isEmpty();
    for (List<LintStep> run : runs) {
      check(run, false, model);
    }
    check(current, lastIsLayer, model);
  }

  private void check(List<LintStep> run, boolean terminal, NetworkModel model) {
    if (run.isEmpty()) {
      return;
    }
    for (Lint lint : ALL) {
      lint.check(run, terminal, model, reporter);
    }
  }

  /** Appends layers to {@code current}; residual blocks close it and contribute their own runs. */
  private void split(List<Node> nodes, List<Element> outer, List<LintStep> current, List<List<LintStep>> runs) {
    for (Node n : nodes) {
      if (n instanceof LayerNode layer) {
        current.add(new LintStep(layer, scope(layer.element(), outer)));
      } else {
        BlockNode block = (BlockNode) n;
        List<Element> inner = scope(block.element(), outer);
        if (!block.residual()) {
          split(block.body(), inner, current, runs);
          continue;
        }
        runs.add(new ArrayList<>(current));
        current.clear();
        for (List<Node> branch : List.of(block.body(), block.shortcut())) {
          List<LintStep> run = new ArrayList<>();
          split(branch, inner, run, runs);
          runs.add(run);
        }
      }
    }
  }

  /** The method, its interface, then the outer scope. */
  private static List<Element> scope(Element method, List<Element> outer) {
    Set<Element> s = new LinkedHashSet<>();
    s.add(method);
    s.add(method.getEnclosingElement());
    s.addAll(outer);
    return new ArrayList<>(s);
  }
}
