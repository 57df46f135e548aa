package dev.staticnet.processor.check;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.Node;
import dev.staticnet.processor.parse.Mirrors;
import dev.staticnet.processor.parse.NetworkDecl;
import java.util.ArrayList;
import java.util.List;

/** {@code @Network(params = N)}: the declared trainable parameter count must match the layers. */
public final class ParamsCheck {
  private final Reporter reporter;

  public ParamsCheck(Reporter reporter) {
    this.reporter = reporter;
  }

  public void check(NetworkDecl decl, NetworkModel model) {
    long actual = model.parameterCount();
    if (decl.params() == -1 || decl.params() == actual) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (Node n : model.steps()) {
      if (n.parameterCount() > 0) {
        parts.add(n.path() + " " + n.parameterCount());
      }
    }
    reporter.error(Message.PARAMS, decl.type(), decl.mirror(), Mirrors.explicit(decl.mirror(), "params"),
        decl.type().getSimpleName(), decl.params(), actual, String.join(" + ", parts));
  }
}
