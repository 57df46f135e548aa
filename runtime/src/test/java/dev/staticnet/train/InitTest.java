package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.InitScheme;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitTest {
  private static final int N = 200_000;
  private static final int FAN_IN = 300;
  private static final int FAN_OUT = 100;

  /** Sample mean, standard deviation, max |x| and the fraction beyond 2 standard deviations. */
  private record Stats(double mean, double std, double maxAbs, double tail2) {
    static Stats of(float[] p, int off, int n) {
      double sum = 0;
      double sumSq = 0;
      double maxAbs = 0;
      for (int i = off; i < off + n; i++) {
        sum += p[i];
        sumSq += (double) p[i] * p[i];
        maxAbs = Math.max(maxAbs, Math.abs(p[i]));
      }
      double mean = sum / n;
      double std = Math.sqrt(sumSq / n - mean * mean);
      int beyond = 0;
      for (int i = off; i < off + n; i++) {
        if (Math.abs(p[i] - mean) > 2 * std) {
          beyond++;
        }
      }
      return new Stats(mean, std, maxAbs, (double) beyond / n);
    }
  }

  private static Stats sample(InitScheme scheme, float std) {
    float[] p = new float[N];
    Init.apply(scheme, p, 0, N, FAN_IN, FAN_OUT, std, new Rng(11));
    return Stats.of(p, 0, N);
  }

  /** Normal: mean 0, the std within 1.5 %, about 4.55 % of the mass beyond 2 sigma. */
  private static void assertNormal(Stats s, double std) {
    assertEquals(0, s.mean(), 5 * std / Math.sqrt(N), "mean");
    assertEquals(std, s.std(), 0.015 * std, "std");
    assertEquals(0.0455, s.tail2(), 0.004, "fraction beyond 2 sigma");
  }

  /** Uniform on (-a, a): every value inside, the extremes reached, std a / sqrt(3), nothing beyond 2 sigma. */
  private static void assertUniform(Stats s, double a) {
    assertTrue(s.maxAbs() <= a, "max |x| " + s.maxAbs() + " > bound " + a);
    assertTrue(s.maxAbs() > 0.999 * a, "max |x| " + s.maxAbs() + " never approaches bound " + a);
    assertEquals(0, s.mean(), 5 * a / Math.sqrt(3 * N), "mean");
    assertEquals(a / Math.sqrt(3), s.std(), 0.01 * a / Math.sqrt(3), "std");
    assertEquals(0, s.tail2(), "fraction beyond 2 sigma");
  }

  @Test
  void uniformAndNormalStatistics() {
    float[] p = new float[N];
    Init.uniform(p, 0, N, 0.05f, new Rng(1));
    assertUniform(Stats.of(p, 0, N), 0.05);
    Init.normal(p, 0, N, 0.02f, new Rng(2));
    assertNormal(Stats.of(p, 0, N), 0.02);
  }

  @Test
  void linearDefaultBound() {
    // PyTorch's Linear(784, 500) weight: U(-1/sqrt(784), 1/sqrt(784)) = U(-1/28, 1/28)
    float[] p = new float[784 * 500];
    Init.uniform(p, 0, p.length, (float) (1 / Math.sqrt(784)), new Rng(3));
    assertUniform(Stats.of(p, 0, p.length), 1 / 28.0);
  }

  @Test
  void schemesFollowTheirFormulas() {
    assertNormal(sample(InitScheme.NORMAL, 0.01f), 0.01);
    assertNormal(sample(InitScheme.XAVIER_NORMAL, 0), Math.sqrt(2.0 / (FAN_IN + FAN_OUT)));
    assertUniform(sample(InitScheme.XAVIER_UNIFORM, 0), Math.sqrt(6.0 / (FAN_IN + FAN_OUT)));
    assertNormal(sample(InitScheme.LECUN_NORMAL, 0), 1 / Math.sqrt(FAN_IN));
    assertNormal(sample(InitScheme.KAIMING_NORMAL, 0), Math.sqrt(2.0 / FAN_IN));
    assertUniform(sample(InitScheme.KAIMING_UNIFORM, 0), Math.sqrt(6.0 / FAN_IN));
    float[] p = {1f, 2f, 3f};
    Init.apply(InitScheme.ZEROS, p, 0, 3, 1, 1, 0, new Rng(0));
    assertArrayEquals(new float[3], p);
  }

  @Test
  void sameSeedGivesBitIdenticalValues() {
    for (InitScheme scheme : InitScheme.values()) {
      if (scheme == InitScheme.DEFAULT) {
        continue;
      }
      float[] a = new float[1000];
      float[] b = new float[1000];
      Init.apply(scheme, a, 0, 1000, 64, 32, 0.1f, new Rng(42));
      Init.apply(scheme, b, 0, 1000, 64, 32, 0.1f, new Rng(42));
      assertArrayEquals(a, b, scheme.name());
      if (scheme != InitScheme.ZEROS) {
        Init.apply(scheme, b, 0, 1000, 64, 32, 0.1f, new Rng(43));
        assertFalse(Arrays.equals(a, b), scheme + ": another seed gives the same values");
      }
    }
  }

  @Test
  void writesOnlyItsRange() {
    float[] p = new float[10];
    Arrays.fill(p, 7f);
    Init.normal(p, 3, 4, 1f, new Rng(5));
    for (int i : new int[] {0, 1, 2, 7, 8, 9}) {
      assertEquals(7f, p[i], "index " + i);
    }
    Init.fill(p, 0, 2, 1f);
    assertArrayEquals(new float[] {1f, 1f, 7f}, Arrays.copyOf(p, 3));
    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> Init.uniform(p, 8, 3, 1f, new Rng(0)));
    assertTrue(e.getMessage().contains("[8, 8 + 3)") && e.getMessage().contains("10"), e.getMessage());
  }

  @Test
  void badArgumentsAreRejected() {
    float[] p = new float[4];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Init.apply(InitScheme.DEFAULT, p, 0, 4, 2, 2, 0, new Rng(0)));
    assertTrue(e.getMessage().contains("DEFAULT"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Init.apply(InitScheme.KAIMING_NORMAL, p, 0, 4, 0, 2, 0, new Rng(0)));
    assertTrue(e.getMessage().contains("fanIn") && e.getMessage().contains("0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Init.normal(p, 0, 4, -1f, new Rng(0)));
  }
}
