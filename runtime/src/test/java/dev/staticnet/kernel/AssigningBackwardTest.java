package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.staticnet.Activation;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Backward kernels called with {@link GradientWrite#ASSIGN} write every element of their input
 * gradient without reading it: over a buffer of NaNs they give what adding into zeroes gives (what
 * the generated backward pass relied on before it stopped zeroing those buffers) — the same bits,
 * but for the activations, where a zero may keep its sign.
 */
class AssigningBackwardTest {
  private static final Random RNG = new Random(7);

  private static float[] random(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) RNG.nextGaussian();
    }
    return a;
  }

  private static float[] nans(int n) {
    float[] a = new float[n];
    Arrays.fill(a, Float.NaN);
    return a;
  }

  @Test
  void activationsAssignEveryKindLargeAndSmall() {
    for (Activation kind : Activation.values()) {
      for (int n : new int[] {7, 4096 + 33, 3 * 4096 + 5}) { // one block, blocks with tails, and GELU split
        float[] x = random(n);
        float[] y = new float[n];
        Activations.forward(kind, y, x, n, 0.1f);
        float[] dy = random(n);
        float[] added = new float[n];
        Activations.backward(kind, added, dy, x, y, n, 0.1f);
        float[] assigned = nans(n);
        Activations.backward(kind, assigned, dy, x, y, n, 0.1f, GradientWrite.ASSIGN);
        assertSameValues(added, assigned, kind + ", n = " + n);
        // in place over dy, as over a shared gradient array; over y too where the derivative reads y alone
        float[] inPlace = dy.clone();
        boolean fromOutput = kind == Activation.RELU || kind == Activation.SIGMOID || kind == Activation.TANH;
        Activations.backward(kind, inPlace, inPlace, fromOutput ? y : x, y, n, 0.1f, GradientWrite.ASSIGN);
        assertSameValues(added, inPlace, kind + " in place, n = " + n);
      }
    }
    float[] d = new float[8];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Activations.backward(Activation.TANH, d, d, d, d, 8, 0f, GradientWrite.ADD));
    assertEquals("an activation's backward runs in place (dx == dy) only when it assigns dx", e.getMessage());
  }

  /** Equal as floats: an assigned zero may keep its product's sign where adding into +0 gives +0. */
  private static void assertSameValues(float[] expected, float[] actual, String where) {
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        assertEquals(expected[i], actual[i], where + " at " + i);
      }
    }
  }

  @Test
  void poolingAssignsWholePlanesIncludingUncoveredElements() {
    // 7×7 input with 2×2/2 windows leaves the last row and column uncovered; 3×3/2 padded windows overlap
    PoolGeometry[] geometries = {
        new PoolGeometry(3, 7, 7, 2, 2, 2, 2, 0, 0),
        new PoolGeometry(3, 9, 8, 3, 3, 2, 2, 1, 1),
        new PoolGeometry(6, 28, 28, 2, 2, 2, 2, 0, 0), // large enough to split over the workers
    };
    for (PoolGeometry g : geometries) {
      int batch = 64;
      float[] x = random(batch * g.inSize());
      float[] dy = random(batch * g.outSize());
      float[] added = new float[x.length];
      Pool2dKernel.maxBackward(added, dy, x, g, batch);
      float[] assigned = nans(x.length);
      Pool2dKernel.maxBackward(assigned, dy, x, g, batch, GradientWrite.ASSIGN);
      assertArrayEquals(added, assigned, "max " + g);
      added = new float[x.length];
      Pool2dKernel.avgBackward(added, dy, g, batch);
      assigned = nans(x.length);
      Pool2dKernel.avgBackward(assigned, dy, g, batch, GradientWrite.ASSIGN);
      assertArrayEquals(added, assigned, "avg " + g);
    }
  }

  @Test
  void denseAssignsTheInputGradientAndStillAddsTheParameterGradients() {
    int rows = 37;
    int in = 50;
    int out = 19;
    float[] params = random(out * in + out);
    float[] x = random(rows * in);
    float[] dy = random(rows * out);
    float[] addedDx = new float[rows * in];
    float[] addedParams = random(params.length);
    float[] assignedParams = addedParams.clone();
    Dense.backward(addedDx, addedParams, dy, x, params, 0, out * in, rows, in, out);
    float[] assignedDx = nans(rows * in);
    Dense.backward(assignedDx, assignedParams, dy, x, params, 0, out * in, rows, in, out, GradientWrite.ASSIGN);
    assertArrayEquals(addedDx, assignedDx);
    assertArrayEquals(addedParams, assignedParams, "dW and db are added into in both modes");
  }

  @Test
  void convolutionAssignsTheInputGradientOnEveryPath() {
    ConvGeometry[] geometries = {
        new ConvGeometry(6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1), // flipped-kernel data gradient
        new ConvGeometry(4, 9, 9, 8, 3, 3, 2, 2, 1, 1, 1, 1, 1),    // col2im (stride 2)
        new ConvGeometry(8, 6, 6, 8, 1, 1, 1, 1, 0, 0, 1, 1, 1),    // pointwise, direct
        new ConvGeometry(8, 7, 7, 8, 3, 3, 1, 1, 1, 1, 1, 1, 8),    // depthwise
        new ConvGeometry(4, 8, 8, 6, 3, 3, 1, 1, 1, 1, 2, 2, 2),    // groups, dilation
    };
    for (ConvGeometry g : geometries) {
      for (int batch : new int[] {1, 16}) {
        float[] params = random(g.weightCount() + g.outC);
        float[] x = random(batch * g.inSize());
        float[] dy = random(batch * g.outSize());
        float[] addedDx = new float[x.length];
        float[] addedParams = new float[params.length];
        Conv2dKernel.backward(addedDx, addedParams, dy, x, params, 0, g.weightCount(), g, batch);
        float[] assignedDx = nans(x.length);
        float[] assignedParams = new float[params.length];
        Conv2dKernel.backward(assignedDx, assignedParams, dy, x, params, 0, g.weightCount(), g, batch,
            GradientWrite.ASSIGN);
        assertArrayEquals(addedDx, assignedDx, g + ", batch " + batch);
        assertArrayEquals(addedParams, assignedParams, g + ", batch " + batch);
      }
    }
  }
}
