package dev.staticnet.io;

import java.util.Set;

/**
 * The safetensors element types StaticNet reads. Floats arrive as {@code float} (F16, BF16 and F64
 * converted, F64 rounded to nearest); {@code I64} is how PyTorch stores {@code num_batches_tracked}.
 * StaticNet writes F32 and I64 only.
 */
public enum DType {
  /** IEEE half precision. */
  F16(2, 7),
  /** bfloat16: the top 16 bits of a float32. */
  BF16(2, 8),
  /** IEEE single precision: parameters and buffers. */
  F32(4, 11),
  /** IEEE double precision. */
  F64(8, 12),
  /** Signed 64-bit integer: counters. */
  I64(8, 13);

  /** Types the safetensors format defines that StaticNet does not read. */
  private static final Set<String> UNSUPPORTED = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0",
      "F4", "F6_E2M3", "F6_E3M2", "I16", "U16", "I32", "U32", "U64", "C64");

  private final int size;
  private final int rank;

  DType(int size, int rank) {
    this.size = size;
    this.rank = rank;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /**
   * Position in the safetensors library's {@code Dtype} enum (increasing alignment); its writer
   * orders tensors by this, descending, then by name.
   */
  int safetensorsRank() {
    return rank;
  }

  /**
   * The type named {@code name} in a header.
   *
   * @throws IllegalArgumentException naming the type if StaticNet cannot read it or it is unknown
   */
  static DType of(String name) {
    for (DType t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    if (UNSUPPORTED.contains(name)) {
      throw new IllegalArgumentException("dtype " + name + " is not supported; StaticNet reads F32, F16, BF16, F64 "
          + "(converted to float) and I64 (counters)");
    }
    throw new IllegalArgumentException("unknown dtype \"" + name + "\"; StaticNet reads F32, F16, BF16, F64 and I64");
  }
}
