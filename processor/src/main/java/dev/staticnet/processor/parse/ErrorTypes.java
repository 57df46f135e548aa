package dev.staticnet.processor.parse;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Types javac could not resolve (yet). A step returning one is left to javac, which reports the
 * unknown name itself; a network using one waits for the next round, in case another processor
 * generates the type.
 */
public final class ErrorTypes {
  private ErrorTypes() {}

  /** Whether {@code t} or one of its type arguments is unresolved. */
  public static boolean in(TypeMirror t) {
    if (t.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (t.getKind() == TypeKind.DECLARED) {
      for (TypeMirror arg : ((DeclaredType) t).getTypeArguments()) {
        if (in(arg)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a step of {@code type} returns an unresolved type. */
  public static boolean inSteps(TypeElement type) {
    for (Element e : type.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && in(((ExecutableElement) e).getReturnType())) {
        return true;
      }
    }
    return false;
  }
}
