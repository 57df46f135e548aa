package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GradientClippingTest {
  @Test
  void scalesDownToTheMaxNorm() {
    float[] g = {3f, 4f}; // norm 5
    double norm = GradientClipping.clipByGlobalNorm(g, 1.0);
    assertEquals(5.0, norm, 1e-12);
    assertArrayEquals(new float[] {0.6f, 0.8f}, g, 1e-6f);
  }

  @Test
  void leavesSmallGradientsAlone() {
    float[] g = {0.3f, 0.4f};
    GradientClipping.clipByGlobalNorm(g, 1.0);
    assertArrayEquals(new float[] {0.3f, 0.4f}, g);
  }

  @Test
  void optimiserClipsBeforeItsUpdate() {
    float[] w = {0f, 0f};
    Sgd.builder(1f).clipGradNorm(1f).build().step(w, new float[] {30f, 40f});
    assertArrayEquals(new float[] {-0.6f, -0.8f}, w, 1e-6f);
  }
}
