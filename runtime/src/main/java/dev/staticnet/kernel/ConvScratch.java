package dev.staticnet.kernel;

/**
 * Per-thread scratch buffers of the convolution kernels, grown on demand and then reused, so a
 * warmed-up forward/backward allocates no im2col memory. Each thread (the caller and every
 * {@link Parallel} worker) owns one instance; buffers are never shared between threads.
 */
final class ConvScratch {
  private static final ThreadLocal<ConvScratch> LOCAL = ThreadLocal.withInitial(ConvScratch::new);

  private float[] columns = new float[0];
  private float[] rows = new float[0];
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

  /** The flipped, transposed weights of the input-gradient convolution, at least {@code size} elements. */
  float[] flipped(int size) {
    if (flipped.length < size) {
      flipped = new float[size];
    }
    return flipped;
  }

  /**
   * Weight-gradient partial sum number {@code part} (1-based parts beyond the caller's own),
   * {@code size} elements, zeroed. Owned by the thread that splits the job; the parts write into it.
   */
  float[] zeroedPartial(int part, int size) {
    if (partials.length <= part) {
      partials = java.util.Arrays.copyOf(partials, part + 1);
    }
    float[] p = partials[part];
    if (p == null || p.length < size) {
      p = new float[size];
      partials[part] = p;
    } else {
      java.util.Arrays.fill(p, 0, size, 0f);
    }
    return p;
  }
}
