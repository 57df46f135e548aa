package dev.staticnet.train;

import dev.staticnet.InitScheme;

/**
 * Parameter initialisation into a range of a flat array, drawn from a seeded {@link Rng}: the same
 * seed and the same calls give bit-identical values on every JVM. Generated models call these from
 * {@code initialise}; PyTorch's Linear/Conv2d default is {@code uniform(p, off, n, 1 / sqrt(fanIn), rng)}.
 */
public final class Init {
  private Init() {}

  /** {@code p[off .. off+n)} ~ {@code U(-bound, bound)}. */
  public static void uniform(float[] p, int off, int n, float bound, Rng rng) {
    checkRange(p, off, n);
    if (!(bound >= 0) || Float.isInfinite(bound)) {
      throw new IllegalArgumentException("Init.uniform: bound must be a finite value >= 0, got " + bound);
    }
    for (int i = off; i < off + n; i++) {
      p[i] = rng.uniform(-bound, bound);
    }
  }

  /** {@code p[off .. off+n)} ~ {@code N(0, std)}. */
  public static void normal(float[] p, int off, int n, float std, Rng rng) {
    checkRange(p, off, n);
    if (!(std >= 0) || Float.isInfinite(std)) {
      throw new IllegalArgumentException("Init.normal: std must be a finite value >= 0, got " + std);
    }
    for (int i = off; i < off + n; i++) {
      p[i] = (float) (rng.nextGaussian() * std);
    }
  }

  /** {@code p[off .. off+n) = value}. */
  public static void fill(float[] p, int off, int n, float value) {
    checkRange(p, off, n);
    java.util.Arrays.fill(p, off, off + n, value);
  }

  /**
   * Initialises {@code p[off .. off+n)} with an override scheme of {@code @Init} (SEMANTICS.md):
   * ZEROS; NORMAL {@code N(0, std)}; XAVIER_NORMAL {@code N(0, sqrt(2 / (fanIn + fanOut)))};
   * XAVIER_UNIFORM {@code U(±sqrt(6 / (fanIn + fanOut)))}; LECUN_NORMAL {@code N(0, 1 / sqrt(fanIn))};
   * KAIMING_NORMAL {@code N(0, sqrt(2 / fanIn))}; KAIMING_UNIFORM {@code U(±sqrt(6 / fanIn))}.
   *
   * @param std used by NORMAL only
   * @throws IllegalArgumentException for DEFAULT (it depends on the layer kind, so the caller decides),
   *     or for a non-positive fan the scheme needs
   */
  public static void apply(InitScheme scheme, float[] p, int off, int n, int fanIn, int fanOut, float std, Rng rng) {
    switch (scheme) {
      case ZEROS:
        fill(p, off, n, 0f);
        break;
      case NORMAL:
        normal(p, off, n, std, rng);
        break;
      case XAVIER_NORMAL:
        normal(p, off, n, (float) Math.sqrt(2.0 / fanSum(scheme, fanIn, fanOut)), rng);
        break;
      case XAVIER_UNIFORM:
        uniform(p, off, n, (float) Math.sqrt(6.0 / fanSum(scheme, fanIn, fanOut)), rng);
        break;
      case LECUN_NORMAL:
        normal(p, off, n, (float) (1 / Math.sqrt(positiveFanIn(scheme, fanIn))), rng);
        break;
      case KAIMING_NORMAL:
        normal(p, off, n, (float) Math.sqrt(2.0 / positiveFanIn(scheme, fanIn)), rng);
        break;
      case KAIMING_UNIFORM:
        uniform(p, off, n, (float) Math.sqrt(6.0 / positiveFanIn(scheme, fanIn)), rng);
        break;
      default:
        throw new IllegalArgumentException("Init.apply: " + scheme
            + " is the layer's own default and has no formula here; expected one of ZEROS, NORMAL, XAVIER_NORMAL,"
            + " XAVIER_UNIFORM, LECUN_NORMAL, KAIMING_NORMAL, KAIMING_UNIFORM");
    }
  }

  private static int positiveFanIn(InitScheme scheme, int fanIn) {
    if (fanIn < 1) {
      throw new IllegalArgumentException("Init.apply(" + scheme + "): fanIn must be >= 1, got " + fanIn);
    }
    return fanIn;
  }

  private static long fanSum(InitScheme scheme, int fanIn, int fanOut) {
    if (fanIn < 1 || fanOut < 1) {
      throw new IllegalArgumentException("Init.apply(" + scheme + "): fanIn and fanOut must be >= 1, got fanIn "
          + fanIn + ", fanOut " + fanOut);
    }
    return (long) fanIn + fanOut;
  }

  private static void checkRange(float[] p, int off, int n) {
    if (off < 0 || n < 0 || off > p.length - n) {
      throw new IndexOutOfBoundsException("Init: range [" + off + ", " + off + " + " + n + ") is outside the array of "
          + p.length + " elements");
    }
  }
}
