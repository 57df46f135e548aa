package dev.staticnet.processor.parse;

import javax.lang.model.element.ExecutableElement;

/** One declared step (a method of a network or block interface), before shape inference. */
public sealed interface StepDecl permits LayerDecl, BlockDecl {
  /** The method name. */
  String name();

  ExecutableElement method();

  /** The {@code @ExpectShape}, or null. */
  ExpectDecl expect();

  /** False when the declaration itself is broken (already reported): its output is unknown. */
  boolean valid();
}
