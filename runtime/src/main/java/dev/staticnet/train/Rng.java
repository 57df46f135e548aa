package dev.staticnet.train;

/**
 * A small, fast, seeded generator (SplitMix64): the same seed gives the same sequence on every JVM,
 * which makes initialisation and dropout masks reproducible bit for bit. Not thread-safe.
 */
public final class Rng {
  private long state;
  private double spareGaussian = Double.NaN;

  public Rng(long seed) {
    this.state = seed;
  }

  /** Restarts the sequence as if newly constructed with {@code seed}. */
  public void reseed(long seed) {
    this.state = seed;
    this.spareGaussian = Double.NaN;
  }

  /**
   * The generator's whole state, to continue the same sequence later through {@link #restore}
   * (checkpoints save it so that dropout masks resume where they stopped).
   */
  public long[] save() {
    return new long[] {state, Double.doubleToRawLongBits(spareGaussian)};
  }

  /** Continues the sequence from a state returned by {@link #save}. */
  public void restore(long[] saved) {
    if (saved == null || saved.length != 2) {
      throw new IllegalArgumentException("Rng: a saved state has 2 values, got "
          + (saved == null ? "null" : saved.length));
    }
    this.state = saved[0];
    this.spareGaussian = Double.longBitsToDouble(saved[1]);
  }

  /** The next 64 random bits. */
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [lo, hi). */
  public float uniform(float lo, float hi) {
    return lo + (hi - lo) * nextFloat();
  }

  /** Standard normal (Marsaglia's polar method; the second value of each pair is kept). */
  public double nextGaussian() {
    if (!Double.isNaN(spareGaussian)) {
      double g = spareGaussian;
      spareGaussian = Double.NaN;
      return g;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = Math.sqrt(-2 * Math.log(s) / s);
    spareGaussian = v * f;
    return u * f;
  }

  /** A uniform int in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }
}
