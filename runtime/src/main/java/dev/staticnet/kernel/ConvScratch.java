package dev.staticnet.kernel;

import java.util.Arrays;

/**
 * Per-thread scratch buffers of the convolution kernels, grown on demand and then reused, so a
 * warmed-up forward/backward allocates no im2col memory. Each thread (the caller and every
 * {@link Parallel} worker) owns one instance; buffers are never shared between threads.
 */
final class ConvScratch {
  private static final ThreadLocal<ConvScratch> LOCAL = ThreadLocal.withInitial(ConvScratch::new);

  private float[] columns = new float[0];
  private float[] rows = new float[0];
  private float[] wideRows = new float[0];
  private float[] flipped = new float[0];
  private float[][] partials = new float[0][];

  private ConvScratch() {}

  /** The calling thread's scratch. */
  static ConvScratch get() {
    return LOCAL.get();
  }

  /** The im2col / col2im matrix, at least {@code size} elements; contents undefined. */
  float[] columns(int size) {
    if (columns.length < size) {
      columns = new float[size];
    }
    return columns;
  }

  /** A (channels, samples·pixels) staging matrix, at least {@code size} elements; contents undefined. */
  float[] rows(int size) {
    if (rows.length < size) {
      rows = new float[size];
    }
    return rows;
  }

  /** Output gradients widened to the input's row length (the wide col2im), at least {@code size}; contents undefined. */
  float[] wideRows(int size) {
    if (wideRows.length < size) {
      wideRows = new float[size];
    }
    return wideRows;
  }

  /** The flipped, transposed weights of the input-gradient convolution, at least {@code size} elements. */
  float[] flipped(int size) {
    if (flipped.length < size) {
      flipped = new float[size];
    }
    return flipped;
  }

  /**
   * Zeroes weight-gradient partial sum number {@code part} (the parts beyond the caller's own),
   * {@code size} elements, growing it if needed. Owned by the thread that splits the job; the parts
   * write into it through {@link #partial}.
   */
  void zeroPartial(int part, int size) {
    if (partials.length <= part) {
      partials = Arrays.copyOf(partials, part + 1);
    }
    float[] p = partials[part];
    if (p == null || p.length < size) {
      partials[part] = new float[size];
    } else {
      Arrays.fill(p, 0, size, 0f);
    }
  }

  /** Partial sum {@code part}, as prepared by {@link #zeroPartial}. */
  float[] partial(int part) {
    return partials[part];
  }
}
