package dev.staticnet.kernel;

import java.util.Arrays;

/**
 * One model's weight matrices packed for the GEMM's register-blocked kernel, kept between inference
 * calls. Dense and attention forward passes multiply by a transposed weight matrix, and the blocked
 * kernel first copies that operand into panels; for a 64-row product that copy costs about as much
 * as the arithmetic. Here each weight matrix is packed once and reused until the weights change.
 *
 * <p>The owner (a generated model) calls {@link #sync} with its parameter version before every
 * inference pass; an entry packed at an older version is packed again on its next use. Packing
 * allocates once per weight matrix; later refreshes reuse the array. Only the Vector API path packs:
 * with the scalar kernels (or tiny products) {@link Gemm#gemmWeights} never asks for panels.
 * Thread-safe: predicting threads may share one instance.
 */
public final class PackedWeights {
  private int count;
  private int[] offsets = new int[8];
  private int[] rows = new int[8];
  private int[] cols = new int[8];
  private long[] packedAt = new long[8];
  private float[][] panels = new float[8][];
  private long version;

  /** Records the weights' current version: entries packed at another version are stale. */
  public synchronized void sync(long weightsVersion) {
    version = weightsVersion;
  }

  /** Floats held in packed panels (tests). */
  public synchronized long packedFloats() {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += panels[i].length;
    }
    return sum;
  }

  /**
   * The panels of op(B) = Wᵀ, for W (n × k, row stride k) at {@code w[wOff]}, packed now if this
   * matrix was not yet packed at the current version.
   */
  synchronized float[] panels(float[] w, int wOff, int k, int n) {
    int i = indexOf(wOff);
    if (i < 0) {
      i = add(wOff, k, n);
    } else if (rows[i] != k || cols[i] != n) {
      throw new IllegalArgumentException("weight matrix at offset " + wOff + " was packed as " + cols[i] + " x "
          + rows[i] + ", now asked for as " + n + " x " + k);
    }
    if (packedAt[i] != version) {
      GemmVector.packWhole(panels[i], true, w, wOff, k, k, n);
      packedAt[i] = version;
    }
    return panels[i];
  }

  private int indexOf(int wOff) {
    for (int i = 0; i < count; i++) {
      if (offsets[i] == wOff) {
        return i;
      }
    }
    return -1;
  }

  private int add(int wOff, int k, int n) {
    if (count == offsets.length) {
      int grown = 2 * count;
      offsets = Arrays.copyOf(offsets, grown);
      rows = Arrays.copyOf(rows, grown);
      cols = Arrays.copyOf(cols, grown);
      packedAt = Arrays.copyOf(packedAt, grown);
      panels = Arrays.copyOf(panels, grown);
    }
    offsets[count] = wOff;
    rows[count] = k;
    cols[count] = n;
    panels[count] = new float[GemmVector.packedSize(k, n)];
    packedAt[count] = Long.MIN_VALUE; // never a version: packed on first use
    return count++;
  }
}
