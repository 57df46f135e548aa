package dev.staticnet.processor.gen;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Java names derived from step paths: constants ({@code stage1.0.fc} → {@code STAGE1_0_FC}) and local
 * variables ({@code stage1_0_fc}, gradient {@code dStage1_0_fc}). Hands out each name once, so two
 * steps whose paths map to the same name (or a step named like a field) get distinct ones.
 */
final class Names {
  private final Set<String> used = new HashSet<>();

  Names(String... reserved) {
    used.addAll(Set.of(reserved));
  }

  /** {@code base}, or {@code base_2}, {@code base_3}, ... if it is taken. */
  String unique(String base) {
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  /** {@code stage1.0.convBlock} → {@code STAGE1_0_CONV_BLOCK}. */
  static String constant(String path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.') {
        sb.append('_');
      } else {
        if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(path.charAt(i - 1)) || Character.isDigit(path.charAt(i - 1)))) {
          sb.append('_');
        }
        sb.append(Character.toUpperCase(c));
      }
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }

  /** {@code stage1.0.fc} → {@code stage1_0_fc}. */
  static String variable(String path) {
    return path.replace('.', '_');
  }

  /** The gradient of variable {@code fc1}: {@code dFc1}. */
  static String gradient(String variable) {
    return "d" + Character.toUpperCase(variable.charAt(0)) + variable.substring(1);
  }

  /** Last segment of a dotted path: the method name of a step. */
  static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
