package dev.staticnet.processor.model;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A per-sample tensor shape at compile time (batch excluded). Immutable. */
public record Dims(List<Integer> dims) {
  public Dims {
    dims = List.copyOf(dims);
  }

  public static Dims of(int... d) {
    return new Dims(Arrays.stream(d).boxed().collect(Collectors.toList()));
  }

  public int rank() {
    return dims.size();
  }

  public int get(int i) {
    return dims.get(i);
  }

  /** The last axis. */
  public int last() {
    return dims.get(dims.size() - 1);
  }

  /** Product of the dimensions. */
  public long size() {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  public int[] toArray() {
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code 16x5x5}. */
  @Override
  public String toString() {
    return dims.stream().map(String::valueOf).collect(Collectors.joining("x"));
  }
}
