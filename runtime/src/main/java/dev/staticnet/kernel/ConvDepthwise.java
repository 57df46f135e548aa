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
    int channels = g.outC;
    run(g, batch, (from, to) -> {
      for (int n = 0; n < batch; n++) {
        for (int c = from; c < to; c++) {
          forwardPlane(y, x, params, wOff, bOff, g, n, c);
        }
      }
    }, channels);
  }

  /** dx[n][c] += Σ taps W·dy ; dW[c] += Σ_n Σ pixels dy·x ; bias gradients are the caller's. */
  static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] params, int wOff,
                       ConvGeometry g, int batch) {
    run(g, batch, (from, to) -> {
      for (int c = from; c < to; c++) {
        for (int n = 0; n < batch; n++) {
          backwardPlane(dx, dparams, dy, x, params, wOff, g, n, c);
        }
      }
    }, g.outC);
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

  /** A range [from, to) of channels. */
  private interface ChannelRange {
    void run(int from, int to);
  }

  /** Splits the channels over the workers when the call is large enough. */
  private static void run(ConvGeometry g, int batch, ChannelRange body, int channels) {
    int parts = g.macsPerSample() * batch < PARALLEL_MACS ? 1 : Math.min(channels, Parallel.threads());
    if (parts == 1) {
      body.run(0, channels);
      return;
    }
    Parallel.run(parts, (part, count) -> body.run(
        (int) ((long) channels * part / count), (int) ((long) channels * (part + 1) / count)));
  }
}
