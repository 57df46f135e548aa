package dev.staticnet.io;

import dev.staticnet.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's tensors as the loaders see them: names, shapes, which are int64 counters, and an
 * all-or-nothing {@link #setAll} once {@link #checkValues} found nothing wrong.
 *
 * <p>A counter ({@code num_batches_tracked}) is a scalar tensor that is not trained: the only kind the
 * generated models have. {@link Parameters} passes it as a float, exact up to 2^24.
 */
final class ModelTensors {
  private final Parameters params;
  private final Set<String> names;

  ModelTensors(Parameters params) {
    this.params = params;
    this.names = new LinkedHashSet<>(params.names());
  }

  List<String> names() {
    return List.copyOf(names);
  }

  boolean has(String name) {
    return names.contains(name);
  }

  int[] shape(String name) {
    return params.shape(name);
  }

  boolean isCounter(String name) {
    return !params.trainable(name) && params.shape(name).length == 0;
  }

  float[] values(String name) {
    return params.get(name);
  }

  /** Problems {@link Parameters#set} would raise half-way (a counter that is not a non-negative integer). */
  List<String> checkValues(Map<String, float[]> values) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      if (isCounter(e.getKey())) {
        float v = e.getValue()[0];
        if (!(v >= 0) || v != Math.rint(v) || Float.isInfinite(v)) {
          problems.add(e.getKey() + ": a counter must be a non-negative integer, got " + v);
        }
      }
    }
    return problems;
  }

  /** Sets every tensor; call only after shapes and {@link #checkValues} were checked, so nothing fails half-way. */
  void setAll(Map<String, float[]> values) {
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      params.set(e.getKey(), e.getValue());
    }
  }
}
