package dev.staticnet.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * An inlined {@code @Block} step (one copy of a {@code @Repeat} is one BlockNode named
 * {@code step.i}).
 *
 * @param body              the block's steps
 * @param residual          whether the output is {@code body(x) + shortcut(x)}
 * @param shortcut          the shortcut's steps (paths {@code <path>.shortcut.<step>}); empty for identity
 * @param residualActivation activation after the addition ({@code "NONE"} if none)
 */
public record BlockNode(
    String path,
    Dims input,
    Dims output,
    List<Node> body,
    boolean residual,
    List<Node> shortcut,
    String residualActivation,
    ExecutableElement element) implements Node {

  public BlockNode {
    body = List.copyOf(body);
    shortcut = List.copyOf(shortcut);
  }

  @Override
  public long parameterCount() {
    long n = 0;
    for (Node c : body) {
      n += c.parameterCount();
    }
    for (Node c : shortcut) {
      n += c.parameterCount();
    }
    return n;
  }
}
