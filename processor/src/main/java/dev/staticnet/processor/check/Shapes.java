package dev.staticnet.processor.check;

import dev.staticnet.processor.model.Dims;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Formatting helpers for shapes in messages and tables. */
final class Shapes {
  private Shapes() {}

  /** {@code 12x16x16}; {@code ?} when unknown; {@code scalar} for rank 0. */
  static String text(Dims d) {
    if (d == null) {
      return "?";
    }
    return d.rank() == 0 ? "scalar" : d.toString();
  }

  /** {@code {16, 5, 5}}: a shape as the user writes it in an annotation. */
  static String braces(Dims d) {
    return "{" + d.dims().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "}";
  }

  /** {@code 3} for a square pair, {@code {2, 1}} otherwise. */
  static String pair(int[] v) {
    return v[0] == v[1] ? String.valueOf(v[0])
        : Arrays.stream(v).mapToObj(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
  }
}
