package dev.staticnet.kernel;

import static dev.staticnet.kernel.ConvTestSupport.checkGradient;
import static dev.staticnet.kernel.ConvTestSupport.dot;
import static dev.staticnet.kernel.ConvTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Pool2dKernelTest {
  /** Seed 003's pooling input (the padded convolution's inner 4×4). */
  private static final float[] SEED3 = {3, 5, 8, 16, 16, 29, 35, 42, 14, 18, 14, 10, 6, 10, 14, 18};

  @Test
  void seed003MaxAndAveragePooling() {
    PoolGeometry g = new PoolGeometry(1, 4, 4, 2, 2, 2, 2, 0, 0);
    float[] y = new float[4];
    Pool2dKernel.maxForward(y, SEED3, g, 1);
    assertArrayEquals(new float[] {29, 42, 18, 18}, y);
    Pool2dKernel.avgForward(y, SEED3, g, 1);
    assertArrayEquals(new float[] {13.25f, 25.25f, 12f, 14f}, y);
  }

  @Test
  void seed000MaxPoolTwoByOneWindow() {
    // torch.nn.MaxPool2d((2,1), stride=(2,1), padding=0) on seed 000's 4×4 input
    float[] x = {1, 2, 0, 3, 4, 5, 6, 7, 0, 8, 9, 2, 1, 3, 5, 6};
    PoolGeometry g = new PoolGeometry(1, 4, 4, 2, 1, 2, 1, 0, 0);
    float[] y = new float[g.outSize()];
    Pool2dKernel.maxForward(y, x, g, 1);
    assertArrayEquals(new float[] {4, 5, 6, 7, 1, 8, 9, 6}, y);
  }

  @Test
  void maxPoolPadsWithMinusInfinityAndTakesTheFirstMaximum() {
    float[] x = {-5, -5, -7, -9}; // all negative: zero padding would win, −∞ padding does not
    PoolGeometry g = new PoolGeometry(1, 2, 2, 2, 2, 1, 1, 1, 1);
    float[] y = new float[g.outSize()];
    Pool2dKernel.maxForward(y, x, g, 1);
    assertArrayEquals(new float[] {-5, -5, -5, -5, -5, -5, -7, -7, -9}, y);
    float[] dx = new float[4];
    float[] dy = new float[9];
    Arrays.fill(dy, 1f);
    Pool2dKernel.maxBackward(dx, dy, x, g, 1);
    // ties go to the first maximum in the window (index 0 of the -5 pair), as PyTorch's CPU kernel
    assertArrayEquals(new float[] {4, 2, 2, 1}, dx);
  }

  @Test
  void unpaddedMaxPoolingPropagatesNaNAndInfinities() {
    PoolGeometry g = new PoolGeometry(2, 5, 7, 3, 2, 2, 1, 0, 0); // windows overlap down and across
    int batch = 3;
    java.util.Random rng = new java.util.Random(5);
    float[] x = new float[batch * g.inSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    x[7 + 2] = Float.NaN;                                  // sample 0, row 1, column 2
    java.util.Arrays.fill(x, 35, 35 + 2 * 7, Float.NEGATIVE_INFINITY); // sample 0, plane 1, rows 0-1
    x[35 + 2 * 7 + 3] = Float.NEGATIVE_INFINITY;
    x[35 + 2 * 7 + 4] = Float.NEGATIVE_INFINITY;
    float[] y = new float[batch * g.outSize()];
    Pool2dKernel.maxForward(y, x, g, batch);
    for (int pl = 0; pl < batch * g.c; pl++) {
      for (int oh = 0; oh < g.outH; oh++) {
        for (int ow = 0; ow < g.outW; ow++) {
          float expected = Float.NEGATIVE_INFINITY;
          for (int ki = 0; ki < g.kh; ki++) {
            for (int kj = 0; kj < g.kw; kj++) {
              float v = x[pl * 35 + (oh * g.sh + ki) * g.w + ow * g.sw + kj];
              expected = Float.isNaN(v) || Float.isNaN(expected) ? Float.NaN : Math.max(expected, v);
            }
          }
          assertEquals(expected, y[(pl * g.outH + oh) * g.outW + ow], "plane " + pl + " (" + oh + ", " + ow + ")");
        }
      }
    }
    assertTrue(Float.isNaN(y[0 * g.outW + 1]) && Float.isNaN(y[0 * g.outW + 2]), "windows over the NaN");
    assertEquals(Float.NEGATIVE_INFINITY, y[g.outH * g.outW + 3], "a window of −∞");
  }

  @Test
  void averagePoolCountsPaddingInTheDivisor() {
    float[] x = {1, 2, 3, 4};
    PoolGeometry g = new PoolGeometry(1, 2, 2, 2, 2, 2, 2, 1, 1); // 2×2 output, each window one real element
    float[] y = new float[g.outSize()];
    Pool2dKernel.avgForward(y, x, g, 1);
    assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f, 1f}, y);
  }

  @Test
  void matchesReferenceOverRandomGeometries() {
    Random rng = new Random(11);
    int checked = 0;
    for (int trial = 0; trial < 200; trial++) {
      int kh = 1 + rng.nextInt(4);
      int kw = 1 + rng.nextInt(4);
      int h = 1 + rng.nextInt(9);
      int w = 1 + rng.nextInt(9);
      int sh = 1 + rng.nextInt(3);
      int sw = 1 + rng.nextInt(3);
      int ph = rng.nextInt(kh / 2 + 1);
      int pw = rng.nextInt(kw / 2 + 1);
      if (h + 2 * ph < kh || w + 2 * pw < kw) {
        continue;
      }
      PoolGeometry g = new PoolGeometry(1 + rng.nextInt(3), h, w, kh, kw, sh, sw, ph, pw);
      int batch = 1 + rng.nextInt(3);
      float[] x = uniform(rng, batch * g.inSize());
      float[] max = new float[batch * g.outSize()];
      float[] avg = new float[max.length];
      Pool2dKernel.maxForward(max, x, g, batch);
      Pool2dKernel.avgForward(avg, x, g, batch);
      int i = 0;
      for (int pl = 0; pl < batch * g.c; pl++) {
        for (int oh = 0; oh < g.outH; oh++) {
          for (int ow = 0; ow < g.outW; ow++, i++) {
            double m = Double.NEGATIVE_INFINITY;
            double s = 0;
            for (int a = 0; a < kh; a++) {
              for (int b = 0; b < kw; b++) {
                int ih = oh * sh - ph + a;
                int iw = ow * sw - pw + b;
                if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                  float v = x[(pl * h + ih) * w + iw];
                  m = Math.max(m, v);
                  s += v;
                }
              }
            }
            assertEquals(m, max[i], 0.0, g + " max at " + i);
            assertEquals(s / (kh * kw), avg[i], 1e-6, g + " avg at " + i);
          }
        }
      }
      checked++;
    }
    assertTrue(checked > 150, "too few valid random geometries: " + checked);
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    Random rng = new Random(5);
    PoolGeometry[] geometries = {
        new PoolGeometry(2, 6, 6, 2, 2, 2, 2, 0, 0),
        new PoolGeometry(3, 7, 5, 3, 2, 2, 1, 1, 1), // overlapping, padded, non-square
        new PoolGeometry(2, 4, 6, 2, 1, 2, 1, 1, 0), // seed 000's (2,1) window, padded
    };
    for (PoolGeometry g : geometries) {
      int batch = 2;
      float[] x = distinctValues(rng, batch * g.inSize()); // no ties: max is differentiable
      float[] r = uniform(rng, batch * g.outSize());
      float[] y = new float[r.length];
      float base = 0.5f;

      float[] dxMax = new float[x.length];
      Arrays.fill(dxMax, base);
      Pool2dKernel.maxBackward(dxMax, r, x, g, batch);
      checkGradient(g + " max dx", x, 0, x.length, dxMax, 0, base, () -> {
        Pool2dKernel.maxForward(y, x, g, batch);
        return dot(r, y, y.length);
      }, 1e-4f, 1e-3, 200, rng);

      float[] dxAvg = new float[x.length];
      Arrays.fill(dxAvg, base);
      Pool2dKernel.avgBackward(dxAvg, r, g, batch);
      checkGradient(g + " avg dx", x, 0, x.length, dxAvg, 0, base, () -> {
        Pool2dKernel.avgForward(y, x, g, batch);
        return dot(r, y, y.length);
      }, 1e-2f, 1e-3, 200, rng);
    }
  }

  /** A shuffled ramp: values at least 0.01 apart, so a ±1e-4 step never changes a window's argmax. */
  private static float[] distinctValues(Random rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (i - n / 2) * 0.01f;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      float t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  @Test
  void largeCallsSplitOverTheWorkersGiveTheSameBitsAsOneSampleAtATime() {
    // 8 samples of 4x64x64 (131,072 elements) run split over planes; one sample (16,384) runs alone.
    PoolGeometry g = new PoolGeometry(4, 64, 64, 3, 2, 2, 2, 1, 1);
    int batch = 8;
    Random r = new Random(7);
    float[] x = new float[batch * g.inSize()];
    float[] dy = new float[batch * g.outSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < dy.length; i++) {
      dy[i] = (float) r.nextGaussian();
    }
    for (boolean max : new boolean[] {true, false}) {
      float[] y = new float[dy.length];
      float[] dx = new float[x.length];
      if (max) {
        Pool2dKernel.maxForward(y, x, g, batch);
        Pool2dKernel.maxBackward(dx, dy, x, g, batch);
      } else {
        Pool2dKernel.avgForward(y, x, g, batch);
        Pool2dKernel.avgBackward(dx, dy, g, batch);
      }
      for (int b = 0; b < batch; b++) {
        float[] xs = Arrays.copyOfRange(x, b * g.inSize(), (b + 1) * g.inSize());
        float[] dys = Arrays.copyOfRange(dy, b * g.outSize(), (b + 1) * g.outSize());
        float[] ys = new float[g.outSize()];
        float[] dxs = new float[g.inSize()];
        if (max) {
          Pool2dKernel.maxForward(ys, xs, g, 1);
          Pool2dKernel.maxBackward(dxs, dys, xs, g, 1);
        } else {
          Pool2dKernel.avgForward(ys, xs, g, 1);
          Pool2dKernel.avgBackward(dxs, dys, g, 1);
        }
        assertArrayEquals(ys, Arrays.copyOfRange(y, b * g.outSize(), (b + 1) * g.outSize()), "y " + b);
        assertArrayEquals(dxs, Arrays.copyOfRange(dx, b * g.inSize(), (b + 1) * g.inSize()), "dx " + b);
      }
    }
  }
}
