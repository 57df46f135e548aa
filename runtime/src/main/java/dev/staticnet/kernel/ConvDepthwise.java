package dev.staticnet.kernel;

/**
 * Direct depthwise convolution ({@code groups == inC == outC}): channel c of y only sees channel c
 * of x through its own {@code kh × kw} filter {@code W[c][0]}, so the im2col GEMM would have a single
 * row. Each (sample, channel) plane is one sliding-window loop; the work is split over channels.
 */
final class ConvDepthwise {
  /** Below this many multiply-adds per call everything runs on the calling thread. */
  private static final long PARALLEL_MACS = 64 * 1024;

  private ConvDepthwise() {}

  /** y[n][c] = b[c] + Σ_{ki,kj} W[c][ki][kj] · x[n][c][oh·sh − ph + ki·dh][ow·sw − pw + kj·dw]. */
  static void forward(float[] y, float[] x, float[] params, int wOff, int bOff, ConvGeometry g, int batch) {
    ChannelSplit task = SPLIT.get();
    task.set(false, y, null, null, null, x, params, wOff, bOff, g, batch);
    run(task, g, batch);
  }

  /** dx[n][c] += Σ taps W·dy ; dW[c] += Σ_n Σ pixels dy·x ; bias gradients are the caller's. */
  static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] params, int wOff,
                       ConvGeometry g, int batch) {
    ChannelSplit task = SPLIT.get();
    task.set(true, null, dx, dparams, dy, x, params, wOff, -1, g, batch);
    run(task, g, batch);
  }

  /** Runs the task on the caller, or split over channels when the call is large enough. */
  private static void run(ChannelSplit task, ConvGeometry g, int batch) {
    int parts = g.macsPerSample() * batch < PARALLEL_MACS ? 1 : Math.min(g.outC, Parallel.threads());
    try {
      if (parts == 1) {
        task.run(0, 1);
      } else {
        Parallel.run(parts, task);
      }
    } finally {
      task.clear();
    }
  }

  /** One reusable task per calling thread, so that a call allocates nothing. */
  private static final ThreadLocal<ChannelSplit> SPLIT = ThreadLocal.withInitial(ChannelSplit::new);

  /** A forward or backward call cut into contiguous channel ranges, one per part. */
  private static final class ChannelSplit implements Parallel.Task {
    private boolean backward;
    private float[] y;
    private float[] dx;
    private float[] dparams;
    private float[] dy;
    private float[] x;
    private float[] params;
    private int wOff;
    private int bOff;
    private ConvGeometry g;
    private int batch;

    void set(boolean backward, float[] y, float[] dx, float[] dparams, float[] dy, float[] x, float[] params,
             int wOff, int bOff, ConvGeometry g, int batch) {
      this.backward = backward;
      this.y = y;
      this.dx = dx;
      this.dparams = dparams;
      this.dy = dy;
      this.x = x;
      this.params = params;
      this.wOff = wOff;
      this.bOff = bOff;
      this.g = g;
      this.batch = batch;
    }

    void clear() {
      y = dx = dparams = dy = x = params = null;
      g = null;
    }

    @Override
    public void run(int part, int parts) {
      int from = (int) ((long) g.outC * part / parts);
      int to = (int) ((long) g.outC * (part + 1) / parts);
      for (int c = from; c < to; c++) {
        for (int n = 0; n < batch; n++) {
          if (backward) {
            backwardPlane(dx, dparams, dy, x, params, wOff, g, n, c);
          } else {
            forwardPlane(y, x, params, wOff, bOff, g, n, c);
          }
        }
      }
    }
  }

  private static void forwardPlane(float[] y, float[] x, float[] params, int wOff, int bOff, ConvGeometry g,
                                   int n, int c) {
    int p = g.outSpatial();
    int yPlane = (n * g.outC + c) * p;
    int xPlane = (n * g.inC + c) * g.inH * g.inW;
    java.util.Arrays.fill(y, yPlane, yPlane + p, bOff >= 0 ? params[bOff + c] : 0f);
    for (int ki = 0; ki < g.kh; ki++) {
      for (int kj = 0; kj < g.kw; kj++) {
        float w = params[wOff + (c * g.kh + ki) * g.kw + kj];
        int shift = kj * g.dw - g.pw;
        int lo = ConvColumns.firstValid(shift, g.sw, g.outW);
        int hi = ConvColumns.endValid(shift, g.sw, g.inW, g.outW, lo);
        for (int oh = 0; oh < g.outH; oh++) {
          int ih = oh * g.sh - g.ph + ki * g.dh;
          if (ih < 0 || ih >= g.inH) {
            continue;
          }
          int yRow = yPlane + oh * g.outW;
          int xRow = xPlane + ih * g.inW + shift;
          for (int ow = lo; ow < hi; ow++) {
            y[yRow + ow] += w * x[xRow + ow * g.sw];
          }
        }
      }
    }
  }

  private static void backwardPlane(float[] dx, float[] dparams, float[] dy, float[] x, float[] params, int wOff,
                                    ConvGeometry g, int n, int c) {
    int yPlane = (n * g.outC + c) * g.outSpatial();
    int xPlane = (n * g.inC + c) * g.inH * g.inW;
    for (int ki = 0; ki < g.kh; ki++) {
      for (int kj = 0; kj < g.kw; kj++) {
        int wi = wOff + (c * g.kh + ki) * g.kw + kj;
        float w = params[wi];
        int shift = kj * g.dw - g.pw;
        int lo = ConvColumns.firstValid(shift, g.sw, g.outW);
        int hi = ConvColumns.endValid(shift, g.sw, g.inW, g.outW, lo);
        float dwSum = 0f;
        for (int oh = 0; oh < g.outH; oh++) {
          int ih = oh * g.sh - g.ph + ki * g.dh;
          if (ih < 0 || ih >= g.inH) {
            continue;
          }
          int yRow = yPlane + oh * g.outW;
          int xRow = xPlane + ih * g.inW + shift;
          for (int ow = lo; ow < hi; ow++) {
            float d = dy[yRow + ow];
            int xi = xRow + ow * g.sw;
            dwSum += d * x[xi];
            if (dx != null) {
              dx[xi] += w * d;
            }
          }
        }
        if (dparams != null) {
          dparams[wi] += dwSum;
        }
      }
    }
  }
}
