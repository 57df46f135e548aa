package dev.staticnet.io;

import java.util.Arrays;

/**
 * One tensor of a safetensors file: element type, shape and values as floats, row-major.
 *
 * <p>The record holds the arrays it is given (no copy: weights can be large).
 *
 * @param dtype the element type in the file (or to write: {@link DType#F32} or {@link DType#I64})
 * @param shape the dimensions, {@code []} for a scalar
 * @param values {@code product(shape)} values; I64 values as floats (exact up to 2^24)
 */
public record TensorData(DType dtype, int[] shape, float[] values) {
  /**
   * @throws IllegalArgumentException for a null part, a negative dimension or a value count other
   *     than the product of the shape
   */
  public TensorData {
    if (dtype == null || shape == null || values == null) {
      throw new IllegalArgumentException("TensorData: dtype, shape and values must not be null");
    }
    long n = elements(shape);
    if (n != values.length) {
      throw new IllegalArgumentException("TensorData: shape " + Arrays.toString(shape) + " holds " + n
          + " values, got " + values.length);
    }
  }

  /** A float32 tensor. */
  public static TensorData f32(int[] shape, float... values) {
    return new TensorData(DType.F32, shape, values);
  }

  /** Product of the dimensions (1 for a scalar). */
  static long elements(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("TensorData: negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d; // n <= 2^31 before and d < 2^31: no overflow
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("TensorData: shape " + Arrays.toString(shape)
            + " has more values than one Java array holds");
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorData t && dtype == t.dtype && Arrays.equals(shape, t.shape)
        && Arrays.equals(values, t.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}
