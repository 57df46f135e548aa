package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.train.Rng;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DropoutKernelTest {
  @Test
  void masksAreInvertedAndReproducible() {
    int n = 10_000;
    float p = 0.3f;
    float[] x = new float[n];
    java.util.Arrays.fill(x, 2f);
    float[] y = new float[n];
    float[] mask = new float[n];
    DropoutKernel.forward(y, mask, x, n, p, new Rng(11));
    int dropped = 0;
    for (int i = 0; i < n; i++) {
      if (mask[i] == 0f) {
        dropped++;
        assertEquals(0f, y[i]);
      } else {
        assertEquals(1f / (1f - p), mask[i]);
        assertEquals(2f / (1f - p), y[i], 1e-6f);
      }
    }
    assertTrue(Math.abs(dropped - 3000) < 200, "dropped " + dropped + " of 10000 at p = 0.3");
    float[] again = new float[n];
    DropoutKernel.forward(new float[n], again, x, n, p, new Rng(11));
    assertArrayEquals(mask, again, "same seed, same mask");
  }

  @Test
  void backwardWithFixedMaskMatchesFiniteDifferences() {
    Random rnd = new Random(4);
    int n = 30;
    float[] x = GradCheck.random(rnd, n, -1, 1);
    float[] w = GradCheck.random(rnd, n, -1, 1);
    float[] y = new float[n];
    float[] mask = new float[n];
    java.util.function.DoubleSupplier loss = () -> { // a fresh Rng with the same seed: the mask stays fixed
      DropoutKernel.forward(y, mask, x, n, 0.5f, new Rng(5));
      return GradCheck.dot(w, y, n);
    };
    loss.getAsDouble();
    float[] dx = new float[n];
    DropoutKernel.backward(dx, w, mask, n);
    GradCheck.check("Dropout", x, loss, dx, 1e-2f, 1e-4);
  }

  @Test
  void probabilityOutOfRangeIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> DropoutKernel.forward(new float[1], new float[1], new float[1], 1, 1.5f, new Rng(1)));
    float[] y = {5f};
    DropoutKernel.forward(y, new float[1], new float[] {3f}, 1, 1f, new Rng(1));
    assertEquals(0f, y[0]);
  }
}
