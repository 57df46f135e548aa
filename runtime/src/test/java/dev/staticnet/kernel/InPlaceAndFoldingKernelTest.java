package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.staticnet.Activation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The kernel contracts inference fusion relies on: element-wise activations may run in place
 * ({@code y == x}, inference workspaces share the arrays), {@link Conv2dKernel#forwardRelu} equals
 * convolution then ReLU, and {@link BatchNormFolding} folds per output channel.
 */
class InPlaceAndFoldingKernelTest {
  private static float[] uniform(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (2 * r.nextDouble() - 1);
    }
    return v;
  }

  @Test
  void everyActivationGivesTheSameResultInPlace() {
    for (Activation kind : Activation.values()) {
      float[] x = uniform(37, kind.ordinal());
      float[] y = new float[x.length];
      Activations.forward(kind, y, x, x.length, 0.1f);
      Activations.forward(kind, x, x, x.length, 0.1f);
      assertArrayEquals(y, x, kind.name());
    }
  }

  @Test
  void forwardReluEqualsConvolutionThenRelu() {
    ConvGeometry[] shapes = {
      new ConvGeometry(3, 9, 8, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1), // im2col + GEMM
      new ConvGeometry(4, 6, 6, 4, 3, 3, 2, 2, 1, 1, 1, 1, 4), // depthwise
      new ConvGeometry(4, 5, 5, 6, 1, 1, 1, 1, 0, 0, 1, 1, 1), // pointwise: x is the column matrix
    };
    for (ConvGeometry g : shapes) {
      for (int batch : new int[] {1, 7}) {
        float[] x = uniform(batch * g.inSize(), 1);
        float[] params = uniform(g.weightCount() + g.outC, 2);
        float[] expected = new float[batch * g.outSize()];
        Conv2dKernel.forward(expected, x, params, 0, g.weightCount(), g, batch);
        Activations.forward(Activation.RELU, expected, expected, expected.length, 0f);
        float[] fused = new float[expected.length];
        Conv2dKernel.forwardRelu(fused, x, params, 0, g.weightCount(), g, batch);
        assertArrayEquals(expected, fused, g + " batch " + batch);
        Conv2dKernel.forward(expected, x, params, 0, -1, g, batch); // without bias too
        Activations.forward(Activation.RELU, expected, expected, expected.length, 0f);
        Conv2dKernel.forwardRelu(fused, x, params, 0, -1, g, batch);
        assertArrayEquals(expected, fused, g + " batch " + batch + ", no bias");
      }
    }
  }

  @Test
  void foldScalesEachOutputChannelsWeightsAndShiftsItsBias() {
    // two channels of three weights; gamma (2, -1), beta (0.5, 0), mean (1, -2), var (3, 0) with eps 1
    float[] params = {1, 2, 3, 4, 5, 6, /* bias */ 10, 20, /* gamma */ 2, -1, /* beta */ 0.5f, 0};
    float[] buffers = {1, -2, 3, 0};
    float[] folded = new float[8];
    BatchNormFolding.fold(folded, 0, 6, params, 0, 6, 8, 10, buffers, 0, 2, 2, 3, 1f);
    // s = gamma / sqrt(var + eps) = (1, -1)
    assertArrayEquals(new float[] {1, 2, 3, -4, -5, -6, (10 - 1) * 1 + 0.5f, (20 + 2) * -1}, folded);
    // without conv bias and affine: s = 1 / sqrt(var + eps) = (0.5, 1), b' = -mean * s
    BatchNormFolding.fold(folded, 0, 6, params, 0, -1, -1, -1, buffers, 0, 2, 2, 3, 1f);
    assertArrayEquals(new float[] {0.5f, 1, 1.5f, 4, 5, 6, -0.5f, 2}, folded);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchNormFolding.fold(new float[7], 0, 6, params, 0, 6, 8, 10, buffers, 0, 2, 2, 3, 1f));
    assertEquals("BatchNorm folding: folded holds 7 floats, too few for 2 x 3 weights at 0 and 2 biases at 6",
        e.getMessage());
  }
}
