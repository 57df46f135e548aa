package dev.staticnet.processor.check.lint;

import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.parse.Mirrors;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * A layer as lints see it: the node, and the elements whose {@code @SuppressWarnings} silence a
 * warning about it (the step method, its interface, the enclosing block steps and their
 * interfaces, the network interface), innermost first.
 */
record LintStep(LayerNode node, List<Element> scope) {
  LintStep {
    scope = List.copyOf(scope);
  }

  /** The layer annotation on the step method. */
  AnnotationMirror annotation() {
    return Mirrors.find(node.element(), node.kind().annotation()).orElse(null);
  }

  /** The value the user wrote for {@code attribute}, or null. */
  AnnotationValue value(String attribute) {
    AnnotationMirror m = annotation();
    return m == null ? null : Mirrors.explicit(m, attribute);
  }
}
