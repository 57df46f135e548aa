package dev.staticnet.processor.parse;

import dev.staticnet.processor.model.NetworkModel;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A step returning a {@code @Block} interface (or {@code List} of one with {@code @Repeat}).
 *
 * @param body         the block's steps
 * @param repeat       number of copies (1 without {@code @Repeat})
 * @param repeatMirror the {@code @Repeat}, or null
 * @param residual     the {@code @Residual}, or null
 * @param init         the {@code @Init} on the step or else on the block interface, or null: it applies
 *                     to the block's layers that have no {@code @Init} of their own
 */
public record BlockDecl(
    String name,
    ExecutableElement method,
    TypeElement type,
    List<StepDecl> body,
    int repeat,
    AnnotationMirror repeatMirror,
    ResidualDecl residual,
    NetworkModel.InitSpec init,
    ExpectDecl expect,
    boolean valid) implements StepDecl {

  public BlockDecl {
    body = List.copyOf(body);
  }

  /**
   * A {@code @Residual}.
   *
   * @param shortcutType the shortcut block, or null for identity
   * @param shortcut     its steps (empty for identity)
   * @param activation   {@code Activation} name applied after the addition
   */
  public record ResidualDecl(AnnotationMirror mirror, TypeElement shortcutType, List<StepDecl> shortcut,
      String activation) {
    public ResidualDecl {
      shortcut = List.copyOf(shortcut);
    }
  }
}
