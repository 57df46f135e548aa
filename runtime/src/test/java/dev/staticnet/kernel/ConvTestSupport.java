package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

/** Double-precision references and a finite-difference checker shared by the conv/pool tests. */
final class ConvTestSupport {
  private ConvTestSupport() {}

  /** Something whose value depends on the arrays a check perturbs. */
  interface Objective {
    double value();
  }

  static float[] uniform(Random rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextFloat() * 2f - 1f;
    }
    return a;
  }

  /** The convolution straight from its definition, in double: (batch, outC, outH, outW). */
  static double[] referenceConv(float[] x, float[] params, int wOff, int bOff, ConvGeometry g, int batch) {
    double[] y = new double[batch * g.outSize()];
    int inG = g.inPerGroup();
    int outG = g.outPerGroup();
    int i = 0;
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < g.outC; o++) {
        int group = o / outG;
        for (int oh = 0; oh < g.outH; oh++) {
          for (int ow = 0; ow < g.outW; ow++, i++) {
            double sum = bOff >= 0 ? params[bOff + o] : 0.0;
            for (int c = 0; c < inG; c++) {
              int xc = group * inG + c;
              for (int ki = 0; ki < g.kh; ki++) {
                int ih = oh * g.sh - g.ph + ki * g.dh;
                for (int kj = 0; kj < g.kw; kj++) {
                  int iw = ow * g.sw - g.pw + kj * g.dw;
                  if (ih < 0 || ih >= g.inH || iw < 0 || iw >= g.inW) {
                    continue;
                  }
                  double w = params[wOff + ((o * inG + c) * g.kh + ki) * g.kw + kj];
                  sum += w * x[((n * g.inC + xc) * g.inH + ih) * g.inW + iw];
                }
              }
            }
            y[i] = sum;
          }
        }
      }
    }
    return y;
  }

  /**
   * The backward pass from the definition, in double: returns {dx, dW, db} for output gradient dy
   * (dx (batch, inC, inH, inW), dW (outC, inC/groups, kh, kw), db (outC)).
   */
  static double[][] referenceConvBackward(float[] dy, float[] x, float[] params, int wOff, ConvGeometry g,
                                          int batch) {
    double[] dx = new double[batch * g.inSize()];
    double[] dw = new double[g.weightCount()];
    double[] db = new double[g.outC];
    int inG = g.inPerGroup();
    int outG = g.outPerGroup();
    int i = 0;
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < g.outC; o++) {
        int group = o / outG;
        for (int oh = 0; oh < g.outH; oh++) {
          for (int ow = 0; ow < g.outW; ow++, i++) {
            double d = dy[i];
            db[o] += d;
            for (int c = 0; c < inG; c++) {
              int xc = group * inG + c;
              for (int ki = 0; ki < g.kh; ki++) {
                int ih = oh * g.sh - g.ph + ki * g.dh;
                for (int kj = 0; kj < g.kw; kj++) {
                  int iw = ow * g.sw - g.pw + kj * g.dw;
                  if (ih < 0 || ih >= g.inH || iw < 0 || iw >= g.inW) {
                    continue;
                  }
                  int wi = ((o * inG + c) * g.kh + ki) * g.kw + kj;
                  int xi = ((n * g.inC + xc) * g.inH + ih) * g.inW + iw;
                  dw[wi] += d * x[xi];
                  dx[xi] += d * params[wOff + wi];
                }
              }
            }
          }
        }
      }
    }
    return new double[][] {dx, dw, db};
  }

  /** Σ r_i · y_i in double, the scalar objective of the gradient checks (so dL/dy = r). */
  static double dot(float[] r, float[] y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) r[i] * y[i];
    }
    return s;
  }

  /**
   * Central differences: for {@code samples} coordinates of {@code a} (all if fewer), compares
   * {@code (L(a+e) − L(a−e)) / 2e} with {@code analytic[i] − base} (the backward ADDED onto {@code base}).
   */
  static void checkGradient(String name, float[] a, int off, int count, float[] analytic, int aOff, float base,
                            Objective loss, float eps, double tol, int samples, Random rng) {
    double maxErr = 0;
    int n = Math.min(count, samples);
    for (int t = 0; t < n; t++) {
      int i = count <= samples ? t : rng.nextInt(count);
      float saved = a[off + i];
      a[off + i] = saved + eps;
      double plus = loss.value();
      a[off + i] = saved - eps;
      double minus = loss.value();
      a[off + i] = saved;
      double numeric = (plus - minus) / (2.0 * eps);
      double got = analytic[aOff + i] - base;
      double err = Math.abs(numeric - got) / Math.max(1.0, Math.abs(numeric));
      maxErr = Math.max(maxErr, err);
      assertEquals(numeric, got, tol * Math.max(1.0, Math.abs(numeric)),
          name + "[" + i + "]: finite difference vs backward");
    }
    System.out.printf("%s: max relative gradient error %.2e over %d coordinates%n", name, maxErr, n);
  }
}
