package dev.staticnet.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of an optimiser's state, from {@link dev.staticnet.Optimizer#state()} and
 * for {@link dev.staticnet.Optimizer#restore}.
 *
 * <p>The arrays use PyTorch's state names: {@code momentum_buffer} (SGD, RMSprop with momentum),
 * {@code exp_avg}/{@code exp_avg_sq} (Adam, AdamW), {@code square_avg} (RMSprop). Each has one entry
 * per model parameter, in the model's flat {@code state_dict} order.
 *
 * @param kind the optimiser's name: {@code SGD}, {@code Adam}, {@code AdamW} or {@code RMSprop}
 * @param steps updates taken so far (Adam's {@code t} in its bias corrections)
 * @param learningRate the learning rate of the next update
 * @param size number of parameters the state is sized for, or {@link #UNSIZED} before the first step
 * @param arrays per-parameter state by name, in a fixed order (copied in and out)
 */
public record OptimizerState(String kind, long steps, float learningRate, int size, Map<String, float[]> arrays) {
  /** {@link #size} of an optimiser that has not taken a step yet (it holds no arrays). */
  public static final int UNSIZED = -1;

  /**
   * Copies the arrays, so later changes to the caller's arrays do not show.
   *
   * @throws IllegalArgumentException if {@code steps < 0}, {@code size < -1}, or an array's length is
   *     not {@code size} (an unsized state must hold no arrays)
   */
  public OptimizerState {
    if (kind == null || arrays == null) {
      throw new IllegalArgumentException("OptimizerState: kind and arrays must not be null");
    }
    if (steps < 0) {
      throw new IllegalArgumentException("OptimizerState " + kind + ": steps must be >= 0, got " + steps);
    }
    if (size < UNSIZED) {
      throw new IllegalArgumentException("OptimizerState " + kind + ": size must be >= 0 (or UNSIZED), got " + size);
    }
    Map<String, float[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : arrays.entrySet()) {
      float[] a = e.getValue();
      if (a == null || a.length != size) {
        throw new IllegalArgumentException("OptimizerState " + kind + ": array '" + e.getKey() + "' has "
            + (a == null ? "null" : a.length + " values") + ", expected " + size
            + (size == UNSIZED ? " (an unsized state holds no arrays)" : ""));
      }
      copy.put(e.getKey(), a.clone());
    }
    arrays = Collections.unmodifiableMap(copy);
  }

  /** The array names, in order. */
  public List<String> arrayNames() {
    return new ArrayList<>(arrays.keySet());
  }

  /**
   * A copy of one array.
   *
   * @throws IllegalArgumentException if there is no array of that name
   */
  public float[] array(String name) {
    float[] a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("OptimizerState " + kind + " has no array '" + name + "'; it has "
          + arrays.keySet());
    }
    return a.clone();
  }

  /** Copies of every array, by name in order (the snapshot itself stays unchanged). */
  @Override
  public Map<String, float[]> arrays() {
    Map<String, float[]> copy = new LinkedHashMap<>();
    arrays.forEach((name, a) -> copy.put(name, a.clone()));
    return Collections.unmodifiableMap(copy);
  }

  /** The snapshot's own array, for the optimisers of this package to copy from without an extra copy. */
  float[] view(String name) {
    return arrays.get(name);
  }

  /** Equal kind, steps, learning rate, size and arrays (bit for bit, {@link Arrays#equals(float[], float[])}). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OptimizerState)) {
      return false;
    }
    OptimizerState other = (OptimizerState) o;
    if (!kind.equals(other.kind) || steps != other.steps || size != other.size
        || Float.floatToIntBits(learningRate) != Float.floatToIntBits(other.learningRate)
        || !arrays.keySet().equals(other.arrays.keySet())) {
      return false;
    }
    for (Map.Entry<String, float[]> e : arrays.entrySet()) {
      if (!Arrays.equals(e.getValue(), other.arrays.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(kind, steps, Float.floatToIntBits(learningRate), size);
    for (Map.Entry<String, float[]> e : arrays.entrySet()) {
      h = 31 * h + e.getKey().hashCode() + Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    return "OptimizerState[" + kind + ", steps " + steps + ", lr " + learningRate + ", size " + size + ", arrays "
        + arrays.keySet() + "]";
  }
}
