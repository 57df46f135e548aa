package dev.staticnet.kernel;

import static dev.staticnet.kernel.ConvTestSupport.checkGradient;
import static dev.staticnet.kernel.ConvTestSupport.dot;
import static dev.staticnet.kernel.ConvTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlobalAvgPoolKernelTest {

  @Test
  void averagesEachChannelPlane() {
    // batch 2, channels 2, spatial 4
    float[] x = {1, 2, 3, 4, 10, 20, 30, 40, -1, -1, -1, -5, 0, 0, 0, 8};
    float[] y = new float[4];
    GlobalAvgPoolKernel.forward(y, x, 2, 2, 4);
    assertArrayEquals(new float[] {2.5f, 25f, -2f, 2f}, y);
  }

  @Test
  void backwardSpreadsTheGradientEvenlyAndAdds() {
    float[] dx = new float[8];
    Arrays.fill(dx, 1f);
    GlobalAvgPoolKernel.backward(dx, new float[] {4f, -8f}, 1, 2, 4);
    assertArrayEquals(new float[] {2, 2, 2, 2, -1, -1, -1, -1}, dx);
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    Random rng = new Random(9);
    int batch = 3;
    int c = 4;
    int spatial = 7 * 5;
    float[] x = uniform(rng, batch * c * spatial);
    float[] r = uniform(rng, batch * c);
    float[] y = new float[batch * c];
    float[] dx = new float[x.length];
    Arrays.fill(dx, 0.125f);
    GlobalAvgPoolKernel.backward(dx, r, batch, c, spatial);
    checkGradient("global avg pool dx", x, 0, x.length, dx, 0, 0.125f, () -> {
      GlobalAvgPoolKernel.forward(y, x, batch, c, spatial);
      return dot(r, y, y.length);
    }, 1e-2f, 1e-3, 100, rng);
  }

  @Test
  void rejectsShortBuffers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GlobalAvgPoolKernel.forward(new float[4], new float[15], 2, 2, 4));
    assertEquals("GlobalAvgPool: x needs at least 16 elements, got 15", e.getMessage());
  }
}
