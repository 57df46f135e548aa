package dev.staticnet.processor.gen;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** The {@code private static final} constants of a generated class, in the order they are added. */
final class Constants {
  private final List<FieldSpec> fields = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private String heading;

  /** The next constant added gets this javadoc: the step the following constants belong to. */
  void step(String description) {
    heading = description;
  }

  /** Adds {@code int name = value} and returns {@code name}. */
  String intConstant(String name, long value) {
    add(FieldSpec.builder(TypeName.INT, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", Literals.integer(Math.toIntExact(value))));
    return name;
  }

  /** Adds {@code float name = value} and returns {@code name}. */
  String floatConstant(String name, double value) {
    add(FieldSpec.builder(TypeName.FLOAT, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", Literals.floating(value)));
    return name;
  }

  void add(FieldSpec.Builder field) {
    if (heading != null) {
      field.addJavadoc("{@code $L}\n", heading);
      heading = null;
    }
    FieldSpec f = field.build();
    if (!names.add(f.name())) {
      throw new IllegalStateException("two generated constants are named " + f.name());
    }
    fields.add(f);
  }

  List<FieldSpec> fields() {
    return fields;
  }
}
