package dev.staticnet.processor.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps inferred so far (blocks flattened with dotted names), so that a shape error can show
 * the short table of what led to it:
 * <pre>
 *   maxpool2  MaxPool2d   12x16x16
 *   flatten   Flatten     3072 (= 12x16x16)
 *   fc1       Linear      in = 576   &lt;- declared here
 * </pre>
 */
final class ShapeTable {
  private static final int CONTEXT = 3;

  private record Row(String name, String kind, String shape) {}

  private final List<Row> rows = new ArrayList<>();
  private final String inputRow;

  ShapeTable(String inputShape) {
    this.inputRow = inputShape;
  }

  void add(String name, String kind, String shape) {
    rows.add(new Row(name, kind, shape));
  }

  /** The last few rows plus the offending step, marked. */
  String render(String step, String kind, String what) {
    List<Row> shown = new ArrayList<>();
    if (rows.size() < CONTEXT) {
      shown.add(new Row("(input)", "", inputRow));
    }
    shown.addAll(rows.subList(Math.max(0, rows.size() - CONTEXT), rows.size()));
    shown.add(new Row(step, kind, what + "   <- declared here"));
    int nameWidth = shown.stream().mapToInt(r -> r.name.length()).max().orElse(0);
    int kindWidth = shown.stream().mapToInt(r -> r.kind.length()).max().orElse(0);
    StringBuilder b = new StringBuilder();
    for (Row r : shown) {
      b.append("      ").append(pad(r.name, nameWidth)).append("  ").append(pad(r.kind, kindWidth)).append("  ")
          .append(r.shape).append('\n');
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
