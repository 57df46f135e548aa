package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Large arrays are updated in parallel ranges: the result must equal one serial pass bit for bit. */
class ParallelUpdateTest {
  private static final int N = 5 * ElementwiseOptimizer.PARALLEL_MIN + 37; // not a multiple of anything

  private static void assertSameAsSerial(ElementwiseOptimizer parallel, ElementwiseOptimizer serial) {
    Rng rng = new Rng(4);
    float[] p1 = new float[N];
    Init.normal(p1, 0, N, 1f, rng);
    float[] p2 = p1.clone();
    float[] g = new float[N];
    serial.allocate(N);
    for (int step = 0; step < 3; step++) {
      Init.normal(g, 0, N, 0.1f, rng);
      parallel.step(p1, g);
      serial.prepare(serial.learningRate());
      serial.update(p2, g, 0, N);
      assertArrayEquals(p2, p1, "step " + (step + 1));
    }
  }

  @Test
  void sgd() {
    assertSameAsSerial(Sgd.builder(0.01f).momentum(0.9f).nesterov(true).weightDecay(1e-3f).build(),
        Sgd.builder(0.01f).momentum(0.9f).nesterov(true).weightDecay(1e-3f).build());
  }

  @Test
  void adamW() {
    assertSameAsSerial(Adam.builder(1e-3f).decoupledWeightDecay(0.01f).build(),
        Adam.builder(1e-3f).decoupledWeightDecay(0.01f).build());
  }

  @Test
  void rmsProp() {
    assertSameAsSerial(RmsProp.builder(1e-2f).momentum(0.5f).build(), RmsProp.builder(1e-2f).momentum(0.5f).build());
  }
}
