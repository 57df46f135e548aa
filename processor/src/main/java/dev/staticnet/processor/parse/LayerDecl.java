package dev.staticnet.processor.parse;

import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.StepKind;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;

/**
 * A layer step: its kind, parsed attributes, and the annotation mirror the attributes came from.
 *
 * @param valid false when the output shape cannot be inferred: an attribute it depends on is out
 *              of range, or the method is malformed (already reported)
 */
public record LayerDecl(
    String name,
    ExecutableElement method,
    StepKind kind,
    AnnotationMirror mirror,
    Attrs attrs,
    ExpectDecl expect,
    boolean valid) implements StepDecl {

  /** The value the user wrote for {@code attribute}, or null (diagnostics then point at the annotation). */
  public AnnotationValue value(String attribute) {
    return Mirrors.explicit(mirror, attribute);
  }
}
