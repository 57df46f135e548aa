package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.staticnet.PoolMode;
import dev.staticnet.train.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SequencePoolKernelTest {
  // x (batch 2, steps 3, dim 2)
  private static final float[] X = {
      1, -4, /* t1 */ 3, 5, /* t2 */ 2, 0,
      -1, 7, /* t1 */ -6, 7, /* t2 */ -2, 1};

  @Test
  void forwardReducesTimeForEveryMode() {
    float[] y = new float[4];
    SequencePoolKernel.forward(PoolMode.MEAN, y, X, 2, 3, 2);
    assertArrayEquals(new float[] {2, 1f / 3, -3, 5}, y, 1e-6f);
    SequencePoolKernel.forward(PoolMode.FIRST, y, X, 2, 3, 2);
    assertArrayEquals(new float[] {1, -4, -1, 7}, y);
    SequencePoolKernel.forward(PoolMode.LAST, y, X, 2, 3, 2);
    assertArrayEquals(new float[] {2, 0, -2, 1}, y);
    SequencePoolKernel.forward(PoolMode.MAX, y, X, 2, 3, 2);
    assertArrayEquals(new float[] {3, 5, -1, 7}, y);
  }

  @Test
  void maxBackwardGoesToTheFirstMaximum() {
    float[] dx = new float[X.length];
    SequencePoolKernel.backward(PoolMode.MAX, dx, new float[] {1, 2, 3, 4}, X, 2, 3, 2);
    // sample 1, feature 1: 7 at t0 and t1 → t0 only
    assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0}, dx);
  }

  @ParameterizedTest
  @EnumSource(PoolMode.class)
  void backwardMatchesFiniteDifferences(PoolMode mode) {
    Rng rng = new Rng(4);
    int b = 2;
    int t = 5;
    int d = 3;
    float[] x = SeqGradientCheck.random(rng, b * t * d, 1f); // distinct values: MAX is smooth nearby
    float[] y = new float[b * d];
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    Runnable fwd = () -> SequencePoolKernel.forward(mode, y, x, b, t, d);
    fwd.run();
    float[] dx = new float[x.length];
    SequencePoolKernel.backward(mode, dx, r, x, b, t, d);
    SeqGradientCheck.check("sequence pool " + mode + " dx", x, dx, fwd, y, r, 1e-3, 1e-4);
  }
}
