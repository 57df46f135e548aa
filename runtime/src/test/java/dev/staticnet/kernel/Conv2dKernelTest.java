package dev.staticnet.kernel;

import static dev.staticnet.kernel.ConvTestSupport.checkGradient;
import static dev.staticnet.kernel.ConvTestSupport.dot;
import static dev.staticnet.kernel.ConvTestSupport.referenceConv;
import static dev.staticnet.kernel.ConvTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Conv2dKernelTest {

  /** Single-channel, single-sample convolution of an image with one kernel (params = kernel then bias). */
  private static float[] conv1(float[] image, int h, int w, float[] kernel, int k, Float bias,
                               int stride, int padding) {
    ConvGeometry g = new ConvGeometry(1, h, w, 1, k, k, stride, stride, padding, padding, 1, 1, 1);
    float[] params = Arrays.copyOf(kernel, kernel.length + 1);
    params[kernel.length] = bias == null ? 0f : bias;
    float[] y = new float[g.outSize()];
    Conv2dKernel.forward(y, image, params, 0, bias == null ? -1 : kernel.length, g, 1);
    return y;
  }

  private static final float[] D2L_X = {0, 1, 2, 3, 4, 5, 6, 7, 8};
  private static final float[] D2L_K = {0, 1, 2, 3};
  private static final float[] SEED3_X = {1, 1, 2, 4, 5, 6, 7, 8, 3, 2, 1, 0, 1, 2, 3, 4};

  @Test
  void seed002ThreeByThreeInputTwoByTwoKernel() {
    assertArrayEquals(new float[] {19, 25, 37, 43}, conv1(D2L_X, 3, 3, D2L_K, 2, null, 1, 0));
    assertArrayEquals(new float[] {20, 26, 38, 44}, conv1(D2L_X, 3, 3, D2L_K, 2, 1f, 1, 0));
  }

  @Test
  void seed003FourByFourInputStrideAndPadding() {
    assertArrayEquals(new float[] {29, 35, 42, 18, 14, 10, 10, 14, 18}, conv1(SEED3_X, 4, 4, D2L_K, 2, null, 1, 0));
    assertArrayEquals(new float[] {29, 42, 10, 18}, conv1(SEED3_X, 4, 4, D2L_K, 2, null, 2, 0));
    assertArrayEquals(new float[] {
        3, 5, 8, 16, 8,
        16, 29, 35, 42, 16,
        14, 18, 14, 10, 0,
        6, 10, 14, 18, 8,
        1, 2, 3, 4, 0}, conv1(SEED3_X, 4, 4, D2L_K, 2, null, 1, 1));
  }

  @Test
  void seed001BottomRightCornerWithAndWithoutPadding() {
    float[] image = {1, 3, -2, 4, 0, 8, 6, 5, 2, 1, -9, 0, 4, -1, 3, 7};
    float[] kernel = {1, 2, -2, -1};
    float[] valid = conv1(image, 4, 4, kernel, 2, null, 1, 0);
    assertEquals(9, valid.length);
    assertEquals(-22f, valid[8]);
    float[] padded = conv1(image, 4, 4, kernel, 2, null, 1, 1);
    assertEquals(25, padded.length);
    assertEquals(7f, padded[24]);
  }

  @Test
  void seed000KernelOneZeroZeroMinusOne() {
    float[] image = {1, 2, 0, 3, 4, 5, 6, 7, 0, 8, 9, 2, 1, 3, 5, 6};
    // y[i][j] = x[i][j] − x[i+1][j+1]
    assertArrayEquals(new float[] {-4, -4, -7, -4, -4, 4, -3, 3, 3},
        conv1(image, 4, 4, new float[] {1, 0, 0, -1}, 2, null, 1, 0));
  }

  @Test
  void seed003OneByOneConvolutionEqualsLinear() {
    // Seed 003: channels 5, patches 9; Conv 1×1 over (5, 3, 3) equals Linear(5, 5) applied to each patch.
    Random rng = new Random(3);
    int ch = 5;
    int patches = 9;
    float[] x = uniform(rng, ch * patches); // (C, 3, 3)
    float[] params = uniform(rng, ch * ch + ch); // weight (5, 5, 1, 1) then bias (5)
    ConvGeometry g = new ConvGeometry(ch, 3, 3, ch, 1, 1, 1, 1, 0, 0, 1, 1, 1);
    assertTrue(g.isPointwise());
    float[] conv = new float[ch * patches];
    Conv2dKernel.forward(conv, x, params, 0, ch * ch, g, 1);
    float[] patchRows = new float[patches * ch]; // xᵀ: (patches, C), one row per patch
    for (int p = 0; p < patches; p++) {
      for (int i = 0; i < ch; i++) {
        patchRows[p * ch + i] = x[i * patches + p];
      }
    }
    float[] linear = new float[patches * ch]; // (patches, out)
    Dense.forward(linear, patchRows, params, 0, ch * ch, patches, ch, ch);
    for (int p = 0; p < patches; p++) {
      for (int o = 0; o < ch; o++) {
        // torch.allclose(linear(x).T, conv(x)): rtol 1e-5, atol 1e-8
        assertEquals(linear[p * ch + o], conv[o * patches + p], 1e-8 + 1e-5 * Math.abs(linear[p * ch + o]),
            "patch " + p + ", output " + o);
      }
    }
  }

  @Test
  void matchesDoubleReferenceOverRandomGeometries() {
    Random rng = new Random(42);
    int checked = 0;
    double worst = 0;
    for (int trial = 0; trial < 300; trial++) {
      ConvGeometry g = randomGeometry(rng, trial);
      if (g == null) {
        continue;
      }
      int batch = 1 + rng.nextInt(4);
      boolean bias = rng.nextBoolean();
      worst = Math.max(worst, compareForward(rng, g, batch, bias));
      checked++;
    }
    // Larger shapes: batch split over threads, several samples per GEMM, GEMM's own packed path.
    worst = Math.max(worst, compareForward(rng, new ConvGeometry(6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1), 5, true));
    worst = Math.max(worst, compareForward(rng, new ConvGeometry(8, 16, 16, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1), 3, false));
    worst = Math.max(worst, compareForward(rng, new ConvGeometry(16, 9, 9, 32, 1, 1, 1, 1, 0, 0, 1, 1, 1), 7, true));
    worst = Math.max(worst, compareForward(rng, new ConvGeometry(16, 20, 20, 16, 3, 3, 2, 2, 1, 1, 1, 1, 16), 4, true));
    worst = Math.max(worst, compareForward(rng, new ConvGeometry(12, 11, 13, 12, 3, 2, 2, 1, 1, 1, 2, 1, 4), 6, true));
    System.out.printf("conv forward vs double reference: %d random geometries, max abs error %.2e%n", checked, worst);
    assertTrue(checked > 200, "too few valid random geometries: " + checked);
  }

  /** Random attributes; every few trials a depthwise or 1×1 one. Null when the input is too small. */
  private static ConvGeometry randomGeometry(Random rng, int trial) {
    int groups = 1 + rng.nextInt(3);
    int inC = groups * (1 + rng.nextInt(3));
    int outC = groups * (1 + rng.nextInt(3));
    int kh = 1 + rng.nextInt(4);
    int kw = 1 + rng.nextInt(4);
    int sh = 1 + rng.nextInt(3);
    int sw = 1 + rng.nextInt(3);
    int ph = rng.nextInt(3);
    int pw = rng.nextInt(3);
    int dh = 1 + rng.nextInt(2);
    int dw = 1 + rng.nextInt(2);
    if (trial % 5 == 0) { // depthwise
      groups = inC = outC = 1 + rng.nextInt(4);
    } else if (trial % 7 == 0) { // pointwise
      kh = kw = sh = sw = dh = dw = 1;
      ph = pw = 0;
    }
    int h = 1 + rng.nextInt(10);
    int w = 1 + rng.nextInt(10);
    if (ConvGeometry.outSize(h, kh, sh, ph, dh) < 1 || ConvGeometry.outSize(w, kw, sw, pw, dw) < 1) {
      return null;
    }
    return new ConvGeometry(inC, h, w, outC, kh, kw, sh, sw, ph, pw, dh, dw, groups);
  }

  private static double compareForward(Random rng, ConvGeometry g, int batch, boolean bias) {
    int wc = g.weightCount();
    float[] params = uniform(rng, 3 + wc + g.outC); // weight at 3, bias after it: offsets matter
    float[] x = uniform(rng, batch * g.inSize());
    float[] y = new float[batch * g.outSize()];
    Arrays.fill(y, Float.NaN); // forward must overwrite
    Conv2dKernel.forward(y, x, params, 3, bias ? 3 + wc : -1, g, batch);
    double[] ref = referenceConv(x, params, 3, bias ? 3 + wc : -1, g, batch);
    double worst = 0;
    for (int i = 0; i < ref.length; i++) {
      double err = Math.abs(ref[i] - y[i]);
      worst = Math.max(worst, err);
      assertEquals(ref[i], y[i], 1e-5 * (1 + g.colRows()), g + " batch " + batch + " bias " + bias + " at " + i);
    }
    return worst;
  }

  @Test
  void backwardMatchesDoubleReferenceOverRandomGeometries() {
    Random rng = new Random(43);
    int checked = 0;
    for (int trial = 0; trial < 300; trial++) {
      ConvGeometry g = randomGeometry(rng, trial);
      if (g == null) {
        continue;
      }
      compareBackward(rng, g, 1 + rng.nextInt(4));
      checked++;
    }
    compareBackward(rng, new ConvGeometry(6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1), 5);
    compareBackward(rng, new ConvGeometry(8, 16, 16, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1), 3);
    compareBackward(rng, new ConvGeometry(16, 9, 9, 32, 1, 1, 1, 1, 0, 0, 1, 1, 1), 7);
    compareBackward(rng, new ConvGeometry(16, 20, 20, 16, 3, 3, 2, 2, 1, 1, 1, 1, 16), 4);
    compareBackward(rng, new ConvGeometry(12, 11, 13, 12, 3, 2, 2, 1, 1, 1, 2, 1, 4), 6);
    compareBackward(rng, new ConvGeometry(12, 11, 13, 12, 3, 2, 1, 1, 2, 1, 2, 1, 4), 6);
    // the wide-column col2im: LeNet's c3, and groups with dilation over several chunks and both threads
    ConvGeometry[] wide = {new ConvGeometry(6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1),
        new ConvGeometry(4, 12, 13, 6, 3, 2, 1, 1, 0, 0, 2, 3, 2), new ConvGeometry(3, 7, 39, 5, 2, 9, 1, 1, 0, 0, 1, 1, 1)};
    for (ConvGeometry g : wide) {
      assertTrue(g.wideColumnGradient, g + " takes the wide col2im");
      compareBackward(rng, g, 37);
    }
    assertTrue(!new ConvGeometry(3, 7, 60, 5, 2, 9, 1, 1, 0, 0, 1, 1, 1).wideColumnGradient, "long rows: plain col2im");
    assertTrue(checked > 200, "too few valid random geometries: " + checked);
  }

  private static void compareBackward(Random rng, ConvGeometry g, int batch) {
    int wOff = 1;
    int bOff = wOff + g.weightCount();
    float[] params = uniform(rng, bOff + g.outC);
    float[] x = uniform(rng, batch * g.inSize());
    float[] dy = uniform(rng, batch * g.outSize());
    float[] dx = new float[x.length];
    float[] dparams = new float[params.length];
    Conv2dKernel.backward(dx, dparams, dy, x, params, wOff, bOff, g, batch);
    double[][] ref = ConvTestSupport.referenceConvBackward(dy, x, params, wOff, g, batch);
    String where = g + " batch " + batch;
    double tol = 1e-6 + 1e-6 * batch * g.outSpatial(); // float sums of batch·P terms of size ≤ 1
    for (int i = 0; i < dx.length; i++) {
      assertEquals(ref[0][i], dx[i], 1e-6 * (1 + g.outC * g.kh * g.kw), where + " dx at " + i);
    }
    for (int i = 0; i < g.weightCount(); i++) {
      assertEquals(ref[1][i], dparams[wOff + i], tol, where + " dW at " + i);
    }
    for (int o = 0; o < g.outC; o++) {
      assertEquals(ref[2][o], dparams[bOff + o], tol, where + " db at " + o);
    }
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    Random rng = new Random(7);
    gradientCheck(rng, new ConvGeometry(2, 5, 6, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1), 2, true);
    gradientCheck(rng, new ConvGeometry(4, 7, 6, 6, 2, 3, 2, 1, 1, 0, 1, 2, 2), 2, false); // non-square, groups 2
    gradientCheck(rng, new ConvGeometry(3, 6, 6, 3, 3, 3, 2, 2, 1, 1, 1, 1, 3), 2, true); // depthwise
    gradientCheck(rng, new ConvGeometry(3, 4, 5, 4, 1, 1, 1, 1, 0, 0, 1, 1, 1), 3, true); // pointwise
    gradientCheck(rng, new ConvGeometry(4, 6, 6, 2, 1, 1, 2, 2, 0, 0, 1, 1, 1), 2, false); // 1×1 stride 2
    gradientCheck(rng, new ConvGeometry(4, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1), 8, true); // threads + chunks
    gradientCheck(rng, new ConvGeometry(2, 16, 16, 4, 3, 3, 1, 1, 2, 2, 2, 2, 1), 3, true); // one sample per GEMM
    gradientCheck(rng, new ConvGeometry(3, 7, 9, 2, 3, 4, 1, 1, 0, 0, 1, 1, 1), 2, true); // wide col2im
  }

  private static void gradientCheck(Random rng, ConvGeometry g, int batch, boolean bias) {
    int wOff = 2;
    int bOff = bias ? wOff + g.weightCount() : -1;
    int nParams = wOff + g.weightCount() + g.outC;
    float[] params = uniform(rng, nParams);
    float[] x = uniform(rng, batch * g.inSize());
    float[] r = uniform(rng, batch * g.outSize()); // L = Σ r·y, so dy = r
    float[] y = new float[batch * g.outSize()];
    ConvTestSupport.Objective loss = () -> {
      Conv2dKernel.forward(y, x, params, wOff, bOff, g, batch);
      return dot(r, y, y.length);
    };
    float base = 0.25f; // backward must ADD onto existing gradients
    float[] dx = new float[x.length];
    float[] dparams = new float[nParams];
    Arrays.fill(dx, base);
    Arrays.fill(dparams, base);
    Conv2dKernel.backward(dx, dparams, r, x, params, wOff, bOff, g, batch);
    String name = g.toString();
    checkGradient(name + " dx", x, 0, x.length, dx, 0, base, loss, 1e-2f, 2e-3, 60, rng);
    checkGradient(name + " dW", params, wOff, g.weightCount(), dparams, wOff, base, loss, 1e-2f, 2e-3, 60, rng);
    if (bias) {
      checkGradient(name + " db", params, bOff, g.outC, dparams, bOff, base, loss, 1e-2f, 2e-3, 60, rng);
    } else {
      for (int o = 0; o < g.outC; o++) {
        assertEquals(base, dparams[wOff + g.weightCount() + o], "no bias: the slot after W must be untouched");
      }
    }
    assertEquals(base, dparams[0], "gradient before wOff must be untouched");
    // Null outputs: dx only, then parameters only, must give the same numbers.
    float[] dxOnly = new float[x.length];
    Arrays.fill(dxOnly, base);
    Conv2dKernel.backward(dxOnly, null, r, x, params, wOff, bOff, g, batch);
    assertArrayEquals(dx, dxOnly, 1e-5f, "dx with dparams == null");
    float[] paramsOnly = new float[nParams];
    Arrays.fill(paramsOnly, base);
    Conv2dKernel.backward(null, paramsOnly, r, x, params, wOff, bOff, g, batch);
    assertArrayEquals(dparams, paramsOnly, 1e-5f, "dparams with dx == null");
  }

  @Test
  void rejectsShortBuffersNamingThem() {
    ConvGeometry g = new ConvGeometry(2, 5, 5, 3, 3, 3, 1, 1, 0, 0, 1, 1, 1);
    float[] params = new float[g.weightCount() + 3];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Conv2dKernel.forward(new float[27 * 2 - 1], new float[100], params, 0, g.weightCount(), g, 2));
    assertEquals("Conv2d: y needs at least 54 elements, got 53", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Conv2dKernel.forward(new float[54], new float[100], params, 0, g.weightCount() + 1, g, 2));
    assertEquals("Conv2d: params (bias at 55) needs at least 58 elements, got 57", e.getMessage());
  }
}
