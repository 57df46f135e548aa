package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchNormKernelTest {
  private static final float EPS = 1e-5f;

  @Test
  void trainForwardUsesBatchStatsAndUpdatesRunningStatsWithUnbiasedVariance() {
    // (batch 4, channels 1): values 1, 2, 3, 6 → mean 3, biased var 3.5, unbiased 14/3
    float[] x = {1, 2, 3, 6};
    float[] y = new float[4];
    float[] mean = new float[1];
    float[] rstd = new float[1];
    float[] buffers = {9f, 0f, 1f}; // [pad, running_mean, running_var]
    BatchNormKernel.forwardTrain(y, mean, rstd, x, null, -1, -1, buffers, 1, 2, 4, 1, 1, EPS, 0.1f);
    assertEquals(3f, mean[0]);
    assertEquals(1 / Math.sqrt(3.5 + EPS), rstd[0], 1e-6);
    assertEquals(-2 / Math.sqrt(3.5 + EPS), y[0], 1e-6);
    assertEquals(0.9 * 0 + 0.1 * 3, buffers[1], 1e-7);
    assertEquals(0.9 * 1 + 0.1 * 14.0 / 3, buffers[2], 1e-6);
    assertEquals(9f, buffers[0]);
  }

  @Test
  void spatialStatisticsRunOverBatchAndPositions() {
    // (batch 2, channels 2, spatial 2): channel 0 holds 1, 3, 5, 7 ; channel 1 holds 10 four times
    float[] x = {1, 3, 10, 10, 5, 7, 10, 10};
    float[] y = new float[8];
    float[] mean = new float[2];
    float[] rstd = new float[2];
    float[] buffers = {0, 0, 1, 1};
    BatchNormKernel.forwardTrain(y, mean, rstd, x, null, -1, -1, buffers, 0, 2, 2, 2, 2, EPS, 0.1f);
    assertArrayEquals(new float[] {4f, 10f}, mean);
    assertEquals(1 / Math.sqrt(5 + EPS), rstd[0], 1e-6);
    assertEquals(0f, y[2]);
    assertEquals(0.1 * 20.0 / 3 + 0.9, buffers[2], 1e-6); // unbiased var of channel 0: 20/3
  }

  @Test
  void batchOfOneFailsBeforeTouchingAnything() {
    float[] x = {1, 2, 3};
    float[] y = {7, 7, 7};
    float[] mean = {5, 5, 5};
    float[] rstd = {6, 6, 6};
    float[] buffers = {0.5f, 0.5f, 0.5f, 2f, 2f, 2f};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchNormKernel.forwardTrain(y, mean, rstd, x, null, -1, -1, buffers, 0, 3, 1, 3, 1, EPS, 0.1f));
    assertTrue(e.getMessage().startsWith("Expected more than 1 value per channel when training, got input size (1, 3)"),
        e.getMessage());
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 2f, 2f, 2f}, buffers);
    assertArrayEquals(new float[] {7, 7, 7}, y);
    assertArrayEquals(new float[] {5, 5, 5}, mean);
    assertArrayEquals(new float[] {6, 6, 6}, rstd);
    // batch 1 with spatial > 1 is allowed, as in PyTorch
    BatchNormKernel.forwardTrain(new float[6], new float[3], new float[3], new float[] {1, 2, 3, 4, 5, 6}, null, -1,
        -1, buffers, 0, 3, 1, 3, 2, EPS, 0.1f);
  }

  @Test
  void evalForwardUsesRunningStats() {
    float[] x = {3, 5};
    float[] y = new float[2];
    float[] params = {2f, 1f}; // gamma, beta
    float[] buffers = {1f, 4f}; // running_mean, running_var
    BatchNormKernel.forwardEval(y, x, params, 0, 1, buffers, 0, 1, 2, 1, 1, EPS);
    assertEquals(2 * 2 / Math.sqrt(4 + EPS) + 1, y[0], 1e-6);
    assertEquals(2 * 4 / Math.sqrt(4 + EPS) + 1, y[1], 1e-6);
  }

  @Test
  void trainBackwardMatchesFiniteDifferences() {
    for (int spatial : new int[] {1, 4}) {
      for (boolean affine : new boolean[] {true, false}) {
        checkTrain(spatial, affine);
      }
    }
  }

  @Test
  void evalBackwardMatchesFiniteDifferences() {
    for (int spatial : new int[] {1, 4}) {
      for (boolean affine : new boolean[] {true, false}) {
        checkEval(spatial, affine);
      }
    }
  }

  private static void checkTrain(int spatial, boolean affine) {
    Random rnd = new Random(spatial * 10 + (affine ? 1 : 0));
    int batch = 5;
    int channels = 3;
    int size = batch * channels * spatial;
    int wOff = affine ? 2 : -1;
    int bOff = affine ? 2 + channels : -1;
    float[] params = GradCheck.random(rnd, 2 + 2 * channels, 0.5, 1.5);
    float[] x = GradCheck.random(rnd, size, -2, 2);
    float[] w = GradCheck.random(rnd, size, -1, 1);
    float[] y = new float[size];
    float[] mean = new float[channels];
    float[] rstd = new float[channels];
    float[] buffers = new float[2 * channels];
    java.util.function.DoubleSupplier loss = () -> {
      BatchNormKernel.forwardTrain(y, mean, rstd, x, params, wOff, bOff, buffers, 0, channels, batch, channels,
          spatial, EPS, 0.1f);
      return GradCheck.dot(w, y, size);
    };
    loss.getAsDouble();
    float[] dx = new float[size];
    float[] dparams = new float[params.length];
    BatchNormKernel.backward(dx, dparams, w, x, mean, rstd, params, wOff, bOff, batch, channels, spatial);
    String name = "BatchNorm train spatial=" + spatial + (affine ? " affine" : "");
    GradCheck.check(name + " dx", x, loss, dx, 1e-2f, 2e-3);
    if (affine) {
      GradCheck.check(name + " dgamma", params, wOff, channels, loss, dparams, wOff, 1e-2f, 2e-3);
      GradCheck.check(name + " dbeta", params, bOff, channels, loss, dparams, bOff, 1e-2f, 2e-3);
    }
  }

  private static void checkEval(int spatial, boolean affine) {
    Random rnd = new Random(spatial * 100 + (affine ? 1 : 0));
    int batch = 2;
    int channels = 3;
    int size = batch * channels * spatial;
    int wOff = affine ? 0 : -1;
    int bOff = affine ? channels : -1;
    float[] params = GradCheck.random(rnd, 2 * channels, 0.5, 1.5);
    float[] buffers = GradCheck.random(rnd, 2 * channels, 0.5, 2); // running_mean, running_var > 0
    float[] x = GradCheck.random(rnd, size, -2, 2);
    float[] w = GradCheck.random(rnd, size, -1, 1);
    float[] y = new float[size];
    java.util.function.DoubleSupplier loss = () -> {
      BatchNormKernel.forwardEval(y, x, params, wOff, bOff, buffers, 0, channels, batch, channels, spatial, EPS);
      return GradCheck.dot(w, y, size);
    };
    float[] dx = new float[size];
    float[] dparams = new float[params.length];
    BatchNormKernel.backwardEval(dx, dparams, w, x, params, wOff, bOff, buffers, 0, channels, batch, channels, spatial,
        EPS);
    String name = "BatchNorm eval spatial=" + spatial + (affine ? " affine" : "");
    GradCheck.check(name + " dx", x, loss, dx, 1e-2f, 1e-3);
    if (affine) {
      GradCheck.check(name + " dgamma", params, wOff, channels, loss, dparams, wOff, 1e-2f, 1e-3);
      GradCheck.check(name + " dbeta", params, bOff, channels, loss, dparams, bOff, 1e-2f, 1e-3);
    }
  }

  @Test
  void largeCallsSplitOverChannelsGiveTheSameBitsAsOneChannelAtATime() {
    int batch = 8;
    int channels = 16;
    int spatial = 32 * 32; // 131,072 elements: split over the workers; one channel (8,192) runs alone
    Random rnd = new Random(5);
    float[] x = new float[batch * channels * spatial];
    float[] dy = new float[x.length];
    float[] params = new float[2 * channels];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rnd.nextGaussian() * 2 + 0.5);
      dy[i] = (float) rnd.nextGaussian();
    }
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) rnd.nextGaussian();
    }
    float[] buffers = new float[2 * channels];
    Arrays.fill(buffers, channels, 2 * channels, 1f);
    float[] y = new float[x.length];
    float[] mean = new float[channels];
    float[] rstd = new float[channels];
    float[] dx = new float[x.length];
    float[] dparams = new float[params.length];
    BatchNormKernel.forwardTrain(y, mean, rstd, x, params, 0, channels, buffers, 0, channels, batch, channels, spatial,
        1e-5f, 0.1f);
    BatchNormKernel.backward(dx, dparams, dy, x, mean, rstd, params, 0, channels, batch, channels, spatial);
    for (int c = 0; c < channels; c++) {
      float[] xc = new float[batch * spatial];
      float[] dyc = new float[batch * spatial];
      for (int b = 0; b < batch; b++) {
        System.arraycopy(x, (b * channels + c) * spatial, xc, b * spatial, spatial);
        System.arraycopy(dy, (b * channels + c) * spatial, dyc, b * spatial, spatial);
      }
      float[] pc = {params[c], params[channels + c]};
      float[] bc = {0f, 1f};
      float[] yc = new float[xc.length];
      float[] mc = new float[1];
      float[] rc = new float[1];
      float[] dxc = new float[xc.length];
      float[] dpc = new float[2];
      BatchNormKernel.forwardTrain(yc, mc, rc, xc, pc, 0, 1, bc, 0, 1, batch, 1, spatial, 1e-5f, 0.1f);
      BatchNormKernel.backward(dxc, dpc, dyc, xc, mc, rc, pc, 0, 1, batch, 1, spatial);
      assertEquals(mc[0], mean[c], 0f);
      assertEquals(rc[0], rstd[c], 0f);
      assertEquals(bc[0], buffers[c], 0f);
      assertEquals(bc[1], buffers[channels + c], 0f);
      assertEquals(dpc[0], dparams[c], 0f);
      assertEquals(dpc[1], dparams[channels + c], 0f);
      for (int b = 0; b < batch; b++) {
        for (int s = 0; s < spatial; s++) {
          assertEquals(yc[b * spatial + s], y[(b * channels + c) * spatial + s], 0f);
          assertEquals(dxc[b * spatial + s], dx[(b * channels + c) * spatial + s], 0f);
        }
      }
    }
  }
}
