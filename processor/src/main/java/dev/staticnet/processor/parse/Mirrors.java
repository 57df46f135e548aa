package dev.staticnet.processor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads annotation mirrors by qualified name (the processor never loads the annotation classes).
 * {@link #value} includes defaults; {@link #explicit} only what the user wrote (diagnostics point there).
 */
public final class Mirrors {
  private final Elements elements;

  public Mirrors(Elements elements) {
    this.elements = elements;
  }

  /** The annotation of type {@code qualifiedName} on {@code e}, if present. */
  public static Optional<AnnotationMirror> find(Element e, String qualifiedName) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (name(m).equals(qualifiedName)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Qualified name of the annotation's type. */
  public static String name(AnnotationMirror m) {
    return ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /** Simple name of the annotation's type. */
  public static String simpleName(AnnotationMirror m) {
    return m.getAnnotationType().asElement().getSimpleName().toString();
  }

  /** The value the user wrote for {@code attribute}, or null when it is defaulted. */
  public static AnnotationValue explicit(AnnotationMirror m, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The value of {@code attribute}, defaults included. */
  public AnnotationValue value(AnnotationMirror m, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(m).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException("@" + simpleName(m) + " has no attribute '" + attribute + "'");
  }

  public int intValue(AnnotationMirror m, String attribute) {
    return ((Number) value(m, attribute).getValue()).intValue();
  }

  public long longValue(AnnotationMirror m, String attribute) {
    return ((Number) value(m, attribute).getValue()).longValue();
  }

  public double doubleValue(AnnotationMirror m, String attribute) {
    return ((Number) value(m, attribute).getValue()).doubleValue();
  }

  public boolean booleanValue(AnnotationMirror m, String attribute) {
    return (Boolean) value(m, attribute).getValue();
  }

  /** Name of the enum constant, e.g. {@code RELU}. */
  public String enumValue(AnnotationMirror m, String attribute) {
    return ((VariableElement) value(m, attribute).getValue()).getSimpleName().toString();
  }

  public TypeMirror typeValue(AnnotationMirror m, String attribute) {
    return (TypeMirror) value(m, attribute).getValue();
  }

  public int[] intArray(AnnotationMirror m, String attribute) {
    return toIntArray(value(m, attribute));
  }

  /** An attribute value as the user would write it: {@code 3} for a one-element array, {@code {2, 1}}. */
  public static String show(AnnotationValue v) {
    if (v == null) {
      return "default";
    }
    if (v.getValue() instanceof List<?> list && list.size() == 1) {
      return list.get(0).toString();
    }
    return v.toString();
  }

  /** An {@code int[]} annotation value (a single int is accepted too). */
  public static int[] toIntArray(AnnotationValue v) {
    Object o = v.getValue();
    if (o instanceof List<?> list) {
      List<Integer> out = new ArrayList<>();
      for (Object x : list) {
        out.add(((Number) ((AnnotationValue) x).getValue()).intValue());
      }
      return out.stream().mapToInt(Integer::intValue).toArray();
    }
    return new int[] {((Number) o).intValue()};
  }
}
