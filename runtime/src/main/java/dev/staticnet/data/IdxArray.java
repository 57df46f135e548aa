package dev.staticnet.data;

import java.util.Arrays;

/**
 * The contents of an unsigned-byte IDX file: its dimensions (the first is the item count) and the
 * raw bytes, row-major.
 *
 * @param dims dimensions as stored, each positive, 1 to 4 of them
 * @param data {@code product(dims)} bytes; read them as unsigned ({@code b & 0xFF})
 */
public record IdxArray(int[] dims, byte[] data) {
  /** Number of items (the first dimension). */
  public int count() {
    return dims[0];
  }

  /** Values per item (the product of the remaining dimensions; 1 for a rank-1 file). */
  public int itemSize() {
    int size = 1;
    for (int i = 1; i < dims.length; i++) {
      size *= dims[i];
    }
    return size;
  }

  /** The unsigned value at a flat index. */
  public int unsigned(int index) {
    return data[index] & 0xFF;
  }

  @Override
  public String toString() {
    return "IdxArray" + Arrays.toString(dims);
  }
}
