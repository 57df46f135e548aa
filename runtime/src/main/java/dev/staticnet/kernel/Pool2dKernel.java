package dev.staticnet.kernel;

/**
 * 2-D max and average pooling forward and backward on NCHW buffers (PyTorch {@code MaxPool2d},
 * {@code AvgPool2d} with {@code count_include_pad=True}, {@code ceil_mode=False}).
 *
 * <p>Window of output (oh, ow): rows {@code [oh·sh − ph, oh·sh − ph + kh)}, columns likewise, clipped
 * to the input. Max pooling treats padding as −∞ and takes the first maximum in row-major window
 * order (a NaN wins, as PyTorch's CPU kernel); its backward recomputes that argmax from x instead of
 * caching indices. Average pooling divides by {@code kh·kw}: with {@code p ≤ k/2} and floor mode no
 * window reaches past the padding, so PyTorch's divisor is always the full window.
 */
public final class Pool2dKernel {
  private Pool2dKernel() {}

  /** y (batch, c, outH, outW) = max over each window of x (batch, c, h, w). */
  public static void maxForward(float[] y, float[] x, PoolGeometry g, int batch) {
    check(g, batch);
    requireLength("y", y, (long) batch * g.outSize());
    requireLength("x", x, (long) batch * g.inSize());
    int planes = batch * g.c;
    for (int pl = 0; pl < planes; pl++) {
      int xPlane = pl * g.h * g.w;
      int yi = pl * g.outH * g.outW;
      for (int oh = 0; oh < g.outH; oh++) {
        for (int ow = 0; ow < g.outW; ow++, yi++) {
          y[yi] = x[argmax(x, xPlane, g, oh, ow)];
        }
      }
    }
  }

  /** dx[argmax of each window] += dy ; the argmax is recomputed from x. */
  public static void maxBackward(float[] dx, float[] dy, float[] x, PoolGeometry g, int batch) {
    check(g, batch);
    requireLength("dx", dx, (long) batch * g.inSize());
    requireLength("dy", dy, (long) batch * g.outSize());
    requireLength("x", x, (long) batch * g.inSize());
    int planes = batch * g.c;
    for (int pl = 0; pl < planes; pl++) {
      int xPlane = pl * g.h * g.w;
      int yi = pl * g.outH * g.outW;
      for (int oh = 0; oh < g.outH; oh++) {
        for (int ow = 0; ow < g.outW; ow++, yi++) {
          dx[argmax(x, xPlane, g, oh, ow)] += dy[yi];
        }
      }
    }
  }

  /** y = (sum of each window's real elements) / (kh·kw): padded zeros count in the divisor. */
  public static void avgForward(float[] y, float[] x, PoolGeometry g, int batch) {
    check(g, batch);
    requireLength("y", y, (long) batch * g.outSize());
    requireLength("x", x, (long) batch * g.inSize());
    float inv = 1f / (g.kh * g.kw);
    int planes = batch * g.c;
    for (int pl = 0; pl < planes; pl++) {
      int xPlane = pl * g.h * g.w;
      int yi = pl * g.outH * g.outW;
      for (int oh = 0; oh < g.outH; oh++) {
        int h0 = Math.max(0, oh * g.sh - g.ph);
        int h1 = Math.min(g.h, oh * g.sh - g.ph + g.kh);
        for (int ow = 0; ow < g.outW; ow++, yi++) {
          int w0 = Math.max(0, ow * g.sw - g.pw);
          int w1 = Math.min(g.w, ow * g.sw - g.pw + g.kw);
          float sum = 0f;
          for (int ih = h0; ih < h1; ih++) {
            int row = xPlane + ih * g.w;
            for (int iw = w0; iw < w1; iw++) {
              sum += x[row + iw];
            }
          }
          y[yi] = sum * inv;
        }
      }
    }
  }

  /** dx[window] += dy / (kh·kw) for every real element of each window. */
  public static void avgBackward(float[] dx, float[] dy, PoolGeometry g, int batch) {
    check(g, batch);
    requireLength("dx", dx, (long) batch * g.inSize());
    requireLength("dy", dy, (long) batch * g.outSize());
    float inv = 1f / (g.kh * g.kw);
    int planes = batch * g.c;
    for (int pl = 0; pl < planes; pl++) {
      int xPlane = pl * g.h * g.w;
      int yi = pl * g.outH * g.outW;
      for (int oh = 0; oh < g.outH; oh++) {
        int h0 = Math.max(0, oh * g.sh - g.ph);
        int h1 = Math.min(g.h, oh * g.sh - g.ph + g.kh);
        for (int ow = 0; ow < g.outW; ow++, yi++) {
          int w0 = Math.max(0, ow * g.sw - g.pw);
          int w1 = Math.min(g.w, ow * g.sw - g.pw + g.kw);
          float d = dy[yi] * inv;
          for (int ih = h0; ih < h1; ih++) {
            int row = xPlane + ih * g.w;
            for (int iw = w0; iw < w1; iw++) {
              dx[row + iw] += d;
            }
          }
        }
      }
    }
  }

  /** Index in x of the first maximum of window (oh, ow) of the plane at {@code xPlane} (NaN wins). */
  private static int argmax(float[] x, int xPlane, PoolGeometry g, int oh, int ow) {
    int h0 = Math.max(0, oh * g.sh - g.ph);
    int h1 = Math.min(g.h, oh * g.sh - g.ph + g.kh);
    int w0 = Math.max(0, ow * g.sw - g.pw);
    int w1 = Math.min(g.w, ow * g.sw - g.pw + g.kw);
    int best = xPlane + h0 * g.w + w0;
    float max = Float.NEGATIVE_INFINITY;
    for (int ih = h0; ih < h1; ih++) {
      int row = xPlane + ih * g.w;
      for (int iw = w0; iw < w1; iw++) {
        float v = x[row + iw];
        if (v > max || Float.isNaN(v)) { // PyTorch: (val > maxval) || isnan(val)
          max = v;
          best = row + iw;
        }
      }
    }
    return best;
  }

  private static void check(PoolGeometry g, int batch) {
    if (g == null) {
      throw new IllegalArgumentException("Pool2d: geometry must not be null");
    }
    if (batch < 0) {
      throw new IllegalArgumentException("Pool2d: batch must be >= 0, got " + batch);
    }
  }

  private static void requireLength(String name, float[] a, long needed) {
    if (a == null) {
      throw new IllegalArgumentException("Pool2d: " + name + " must not be null");
    }
    if (a.length < needed) {
      throw new IllegalArgumentException("Pool2d: " + name + " needs at least " + needed + " elements, got " + a.length);
    }
  }
}
