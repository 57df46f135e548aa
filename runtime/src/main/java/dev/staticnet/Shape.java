package dev.staticnet;

import java.util.Arrays;

/** An immutable tensor shape, per sample (batch excluded), row-major. */
public final class Shape {
  private final int[] dims;

  private Shape(int[] dims) {
    for (int d : dims) {
      if (d < 1) {
        throw new IllegalArgumentException("shape dimensions must be positive, got " + Arrays.toString(dims));
      }
    }
    this.dims = dims.clone();
  }

  /** A shape with the given dimensions; every dimension must be at least 1. */
  public static Shape of(int... dims) {
    return new Shape(dims);
  }

  /** The dimensions (a copy). */
  public int[] dims() {
    return dims.clone();
  }

  /** Number of axes. */
  public int rank() {
    return dims.length;
  }

  /** Size of axis {@code i}. */
  public int dim(int i) {
    return dims[i];
  }

  /** Number of elements: the product of the dimensions. */
  public int size() {
    int n = 1;
    for (int d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** {@code 16x5x5}, as the summary prints shapes. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append('x');
      }
      sb.append(dims[i]);
    }
    return sb.toString();
  }
}
