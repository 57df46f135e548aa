package dev.staticnet.processor.gen;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Modifier;

/** {@code boolean} step constants, so a kernel call reads {@code ATTN_CAUSAL}, not a bare {@code true}. */
final class BooleanConstants {
  private BooleanConstants() {}

  /** Adds {@code boolean name = value} to {@code c} and returns {@code name}. */
  static String add(Constants c, String name, boolean value) {
    c.add(FieldSpec.builder(TypeName.BOOLEAN, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", value));
    return name;
  }
}
