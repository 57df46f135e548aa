package dev.staticnet.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A weights or checkpoint file whose tensors do not fit the model. Lists every problem at once
 * (missing, unexpected, mis-shaped tensors and other problems such as a wrong dtype), one per line;
 * when this is thrown nothing was loaded.
 */
public final class WeightsMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> missing;
  private final List<String> unexpected;
  private final List<String> misShaped;
  private final List<String> other;

  /**
   * @param source what was read, e.g. the file name
   * @param missing model tensors the file lacks, e.g. {@code "fc1.bias [500]"}
   * @param unexpected file tensors the model lacks
   * @param misShaped tensors in both with different shapes, e.g. {@code "fc1.weight: file [10, 4], model [10, 5]"}
   * @param other further problems (dtype, value), one line each
   * @param advice a last line saying what to do, or null
   */
  public WeightsMismatchException(String source, List<String> missing, List<String> unexpected,
      List<String> misShaped, List<String> other, String advice) {
    super(message(source, missing, unexpected, misShaped, other, advice));
    this.missing = List.copyOf(missing);
    this.unexpected = List.copyOf(unexpected);
    this.misShaped = List.copyOf(misShaped);
    this.other = List.copyOf(other);
  }

  /** Model tensors the file lacks. */
  public List<String> missing() {
    return missing;
  }

  /** File tensors the model lacks. */
  public List<String> unexpected() {
    return unexpected;
  }

  /** Tensors present in both with different shapes. */
  public List<String> misShaped() {
    return misShaped;
  }

  /** Other problems (wrong dtype, invalid counter value, two file tensors renamed to one). */
  public List<String> other() {
    return other;
  }

  private static String message(String source, List<String> missing, List<String> unexpected,
      List<String> misShaped, List<String> other, String advice) {
    List<String> lines = new ArrayList<>();
    lines.add(source + " does not match the model's tensors; nothing was loaded:");
    section(lines, "missing (in the model, not in the file)", missing);
    section(lines, "unexpected (in the file, not in the model)", unexpected);
    section(lines, "mis-shaped", misShaped);
    section(lines, "other problems", other);
    if (advice != null) {
      lines.add(advice);
    }
    return String.join("\n", lines);
  }

  private static void section(List<String> lines, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    lines.add("  " + title + ": " + items.size());
    for (String item : items) {
      lines.add("    " + item);
    }
  }
}
