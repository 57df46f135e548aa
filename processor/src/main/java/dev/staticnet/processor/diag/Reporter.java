package dev.staticnet.processor.diag;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints catalogue {@link Message}s through javac's {@link Messager}, attached to the element, the
 * annotation and the annotation value at fault, so the caret lands on {@code in = 576}. Reports and
 * continues: the caller asks {@link #errorCount()} to decide whether to go on to the next stage.
 * The same text on the same element is printed once (a block used twice reports its mistakes once).
 */
public final class Reporter {
  private final Messager messager;
  private final Map<Element, Set<String>> printed = new IdentityHashMap<>();
  private int errors;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Errors reported so far (by this reporter, across networks; repeats counted, though printed once). */
  public int errorCount() {
    return errors;
  }

  /** Reports an error on {@code element} (annotation and value may be null). */
  public void error(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
      Object... args) {
    errorWithDetail(message, null, element, annotation, value, args);
  }

  /** Reports an error with a detail block (a shape table) between headline and fix. */
  public void errorWithDetail(Message message, String detail, Element element, AnnotationMirror annotation,
      AnnotationValue value, Object... args) {
    if (message.kind() != Diagnostic.Kind.ERROR) {
      throw new IllegalArgumentException(message + " is a " + message.kind() + ", not an error");
    }
    errors++; // counted even when already printed: a block's mistake fails every network using it
    print(message, message.format(detail, args), element, annotation, value);
  }

  /**
   * Reports a lint warning unless one of {@code scope} (the step, the enclosing block step, the
   * interfaces) carries {@code @SuppressWarnings("staticnet:<id>")}.
   *
   * @return whether the warning was printed
   */
  public boolean warn(Message message, List<? extends Element> scope, AnnotationMirror annotation,
      AnnotationValue value, Object... args) {
    if (message.kind() != Diagnostic.Kind.WARNING) {
      throw new IllegalArgumentException(message + " is not a warning");
    }
    for (Element e : scope) {
      if (suppresses(e, message.tag())) {
        return false;
      }
    }
    return print(message, message.format(null, args), scope.get(0), annotation, value);
  }

  /** Whether {@code element} carries {@code @SuppressWarnings} naming {@code tag}. */
  public static boolean suppresses(Element element, String tag) {
    SuppressWarnings s = element.getAnnotation(SuppressWarnings.class);
    if (s == null) {
      return false;
    }
    for (String v : s.value()) {
      if (v.equals(tag)) {
        return true;
      }
    }
    return false;
  }

  private boolean print(Message message, String text, Element element, AnnotationMirror annotation,
      AnnotationValue value) {
    if (!printed.computeIfAbsent(element, e -> new HashSet<>()).add(text)) {
      return false;
    }
    if (annotation == null) {
      messager.printMessage(message.kind(), text, element);
    } else if (value == null) {
      messager.printMessage(message.kind(), text, element, annotation);
    } else {
      messager.printMessage(message.kind(), text, element, annotation, value);
    }
    return true;
  }
}
