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

  /** Below this many input elements a call runs on the calling thread alone. */
  private static final long PARALLEL_ELEMENTS = 32 * 1024;

  private enum Op { MAX_FORWARD, MAX_BACKWARD, AVG_FORWARD, AVG_BACKWARD }

  /** y (batch, c, outH, outW) = max over each window of x (batch, c, h, w). */
  public static void maxForward(float[] y, float[] x, PoolGeometry g, int batch) {
    check(g, batch);
    requireLength("y", y, (long) batch * g.outSize());
    requireLength("x", x, (long) batch * g.inSize());
    run(Op.MAX_FORWARD, y, null, x, g, batch, false);
  }

  /** dx[argmax of each window] += dy ; the argmax is recomputed from x. */
  public static void maxBackward(float[] dx, float[] dy, float[] x, PoolGeometry g, int batch) {
    maxBackward(dx, dy, x, g, batch, true);
  }

  /**
   * As {@link #maxBackward(float[], float[], float[], PoolGeometry, int)} when {@code accumulate};
   * otherwise into zeroes: each plane of dx is zeroed just before its gradients are added, on the
   * thread that adds them (so the buffer needs no zeroing beforehand).
   */
  public static void maxBackward(float[] dx, float[] dy, float[] x, PoolGeometry g, int batch, boolean accumulate) {
    check(g, batch);
    requireLength("dx", dx, (long) batch * g.inSize());
    requireLength("dy", dy, (long) batch * g.outSize());
    requireLength("x", x, (long) batch * g.inSize());
    run(Op.MAX_BACKWARD, dx, dy, x, g, batch, accumulate);
  }

  /** y = (sum of each window's real elements) / (kh·kw): padded zeros count in the divisor. */
  public static void avgForward(float[] y, float[] x, PoolGeometry g, int batch) {
    check(g, batch);
    requireLength("y", y, (long) batch * g.outSize());
    requireLength("x", x, (long) batch * g.inSize());
    run(Op.AVG_FORWARD, y, null, x, g, batch, false);
  }

  /** dx[window] += dy / (kh·kw) for every real element of each window. */
  public static void avgBackward(float[] dx, float[] dy, PoolGeometry g, int batch) {
    avgBackward(dx, dy, g, batch, true);
  }

  /** As {@link #avgBackward(float[], float[], PoolGeometry, int)}, into zeroes unless {@code accumulate} (as max). */
  public static void avgBackward(float[] dx, float[] dy, PoolGeometry g, int batch, boolean accumulate) {
    check(g, batch);
    requireLength("dx", dx, (long) batch * g.inSize());
    requireLength("dy", dy, (long) batch * g.outSize());
    run(Op.AVG_BACKWARD, dx, dy, null, g, batch, accumulate);
  }

  /**
   * Runs {@code op} over every (sample, channel) plane, split into contiguous plane ranges over the
   * workers when the call is large: planes are independent, each writes only its own outputs.
   */
  private static void run(Op op, float[] out, float[] dy, float[] x, PoolGeometry g, int batch, boolean accumulate) {
    int planes = batch * g.c;
    int parts = (long) batch * g.inSize() < PARALLEL_ELEMENTS ? 1 : Math.min(planes, Parallel.threads());
    if (parts <= 1) {
      planes(op, out, dy, x, g, 0, planes, accumulate);
      return;
    }
    PlaneSplit task = SPLIT.get();
    task.set(op, out, dy, x, g, planes, accumulate);
    try {
      Parallel.run(parts, task);
    } finally {
      task.set(null, null, null, null, null, 0, false);
    }
  }

  /**
   * Planes [from, to) of one call. A backward that does not accumulate zeroes each plane of dx just
   * before adding into it, while the plane is in L1 (the windows may overlap or leave gaps).
   */
  private static void planes(Op op, float[] out, float[] dy, float[] x, PoolGeometry g, int from, int to,
                             boolean accumulate) {
    boolean zeroFirst = !accumulate && (op == Op.MAX_BACKWARD || op == Op.AVG_BACKWARD);
    if (!zeroFirst) {
      planes(op, out, dy, x, g, from, to);
      return;
    }
    int plane = g.h * g.w;
    for (int pl = from; pl < to; pl++) {
      java.util.Arrays.fill(out, pl * plane, (pl + 1) * plane, 0f);
      planes(op, out, dy, x, g, pl, pl + 1);
    }
  }

  private static void planes(Op op, float[] out, float[] dy, float[] x, PoolGeometry g, int from, int to) {
    switch (op) {
      case MAX_FORWARD -> maxForward(out, x, g, from, to);
      case MAX_BACKWARD -> maxBackward(out, dy, x, g, from, to);
      case AVG_FORWARD -> avgForward(out, x, g, from, to);
      case AVG_BACKWARD -> avgBackward(out, dy, g, from, to);
    }
  }

  private static final ThreadLocal<PlaneSplit> SPLIT = ThreadLocal.withInitial(PlaneSplit::new);

  /** One pooling call cut into contiguous plane ranges, one per part (reused: no allocation per call). */
  private static final class PlaneSplit implements Parallel.Task {
    private Op op;
    private float[] out;
    private float[] dy;
    private float[] x;
    private PoolGeometry g;
    private int planes;
    private boolean accumulate;

    void set(Op op, float[] out, float[] dy, float[] x, PoolGeometry g, int planes, boolean accumulate) {
      this.op = op;
      this.out = out;
      this.dy = dy;
      this.x = x;
      this.g = g;
      this.planes = planes;
      this.accumulate = accumulate;
    }

    @Override
    public void run(int part, int parts) {
      int from = (int) ((long) planes * part / parts);
      int to = (int) ((long) planes * (part + 1) / parts);
      planes(op, out, dy, x, g, from, to, accumulate);
    }
  }

  private static void maxForward(float[] y, float[] x, PoolGeometry g, int from, int to) {
    if (g.ph == 0 && g.pw == 0) {
      maxForwardUnpadded(y, x, g, from, to);
      return;
    }
    for (int pl = from; pl < to; pl++) {
      int xPlane = pl * g.h * g.w;
      int yi = pl * g.outH * g.outW;
      for (int oh = 0; oh < g.outH; oh++) {
        for (int ow = 0; ow < g.outW; ow++, yi++) {
          y[yi] = x[argmax(x, xPlane, g, oh, ow)];
        }
      }
    }
  }

  /** A row of column maxima per thread for {@link #maxForwardUnpadded}. */
  private static final ThreadLocal<float[]> COLUMN_MAX = ThreadLocal.withInitial(() -> new float[0]);

  /**
   * Max pooling without padding, where every window lies inside the plane: per output row, the
   * maxima down the window's rows for every column (a contiguous loop C2 vectorises), then across
   * each window's columns. {@code Math.max} propagates NaN as PyTorch does and is branch-free; it
   * gives the values of the scan in {@link #argmax} (a tie of −0 and +0 gives +0 here).
   */
  private static void maxForwardUnpadded(float[] y, float[] x, PoolGeometry g, int from, int to) {
    float[] colMax = COLUMN_MAX.get();
    if (colMax.length < g.w) {
      colMax = new float[g.w];
      COLUMN_MAX.set(colMax);
    }
    int used = (g.outW - 1) * g.sw + g.kw; // the columns some window covers
    for (int pl = from; pl < to; pl++) {
      int xPlane = pl * g.h * g.w;
      int yi = pl * g.outH * g.outW;
      for (int oh = 0; oh < g.outH; oh++) {
        int top = xPlane + oh * g.sh * g.w;
        System.arraycopy(x, top, colMax, 0, used);
        for (int ki = 1; ki < g.kh; ki++) {
          int row = top + ki * g.w;
          for (int iw = 0; iw < used; iw++) {
            colMax[iw] = Math.max(colMax[iw], x[row + iw]);
          }
        }
        for (int ow = 0; ow < g.outW; ow++, yi++) {
          int c = ow * g.sw;
          float max = colMax[c];
          for (int kj = 1; kj < g.kw; kj++) {
            max = Math.max(max, colMax[c + kj]);
          }
          y[yi] = max;
        }
      }
    }
  }

  private static void maxBackward(float[] dx, float[] dy, float[] x, PoolGeometry g, int from, int to) {
    for (int pl = from; pl < to; pl++) {
      int xPlane = pl * g.h * g.w;
      int yi = pl * g.outH * g.outW;
      for (int oh = 0; oh < g.outH; oh++) {
        for (int ow = 0; ow < g.outW; ow++, yi++) {
          dx[argmax(x, xPlane, g, oh, ow)] += dy[yi];
        }
      }
    }
  }

  /** The common 2×2 window, stride 2, no padding: every window whole, no bounds to clip. */
  private static boolean plain2x2(PoolGeometry g) {
    return g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.ph == 0 && g.pw == 0;
  }

  private static void avgForward(float[] y, float[] x, PoolGeometry g, int from, int to) {
    float inv = 1f / (g.kh * g.kw);
    if (plain2x2(g)) { // the general loop's additions in its order, without its window bookkeeping
      for (int pl = from; pl < to; pl++) {
        int xPlane = pl * g.h * g.w;
        int yi = pl * g.outH * g.outW;
        for (int oh = 0; oh < g.outH; oh++) {
          int r0 = xPlane + 2 * oh * g.w;
          int r1 = r0 + g.w;
          for (int ow = 0; ow < g.outW; ow++, yi++) {
            int c = 2 * ow;
            y[yi] = ((((0f + x[r0 + c]) + x[r0 + c + 1]) + x[r1 + c]) + x[r1 + c + 1]) * inv;
          }
        }
      }
      return;
    }
    for (int pl = from; pl < to; pl++) {
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

  private static void avgBackward(float[] dx, float[] dy, PoolGeometry g, int from, int to) {
    float inv = 1f / (g.kh * g.kw);
    if (plain2x2(g)) { // windows do not overlap: each dx element gets exactly one share
      for (int pl = from; pl < to; pl++) {
        int xPlane = pl * g.h * g.w;
        int yi = pl * g.outH * g.outW;
        for (int oh = 0; oh < g.outH; oh++) {
          int r0 = xPlane + 2 * oh * g.w;
          int r1 = r0 + g.w;
          for (int ow = 0; ow < g.outW; ow++, yi++) {
            float d = dy[yi] * inv;
            int c = 2 * ow;
            dx[r0 + c] += d;
            dx[r0 + c + 1] += d;
            dx[r1 + c] += d;
            dx[r1 + c + 1] += d;
          }
        }
      }
      return;
    }
    for (int pl = from; pl < to; pl++) {
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
