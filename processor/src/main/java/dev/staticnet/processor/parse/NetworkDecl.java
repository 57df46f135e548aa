package dev.staticnet.processor.parse;

import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.NetworkModel;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * A parsed {@code @Network} interface.
 *
 * @param input     the declared input shape, or null when it is invalid (already reported)
 * @param inputKind {@code FLOAT} or {@code TOKENS}
 * @param loss      {@code Loss} constant name
 * @param params    expected trainable parameters, -1 when unchecked
 * @param init      the interface's {@code @Init}, or null
 */
public record NetworkDecl(
    TypeElement type,
    AnnotationMirror mirror,
    Dims input,
    String inputKind,
    String loss,
    long params,
    NetworkModel.InitSpec init,
    List<StepDecl> steps) {

  public NetworkDecl {
    steps = List.copyOf(steps);
  }

  public boolean tokens() {
    return "TOKENS".equals(inputKind);
  }
}
