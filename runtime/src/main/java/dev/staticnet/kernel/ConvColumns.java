package dev.staticnet.kernel;

import java.util.Arrays;

/**
 * im2col and its adjoint col2im for one sample and one channel group.
 *
 * <p>The column matrix has one row per (input channel c of the group, ki, kj), row index
 * {@code r = (c·kh + ki)·kw + kj} — the order of PyTorch's weight {@code (out, in/groups, kh, kw)} —
 * and one column per output pixel {@code (oh, ow)}:
 * {@code col[r][oh·outW + ow] = x[c][oh·sh − ph + ki·dh][ow·sw − pw + kj·dw]}, zero in the padding.
 * Rows are {@code ld} apart so several samples can sit side by side (sample j at column offset j·outH·outW).
 */
final class ConvColumns {
  private ConvColumns() {}

  /** Writes the group's columns: x plane of channel c at {@code xOff + c·inH·inW}; row r at {@code col[colOff + r·ld]}. */
  static void im2col(float[] col, int colOff, int ld, float[] x, int xOff, ConvGeometry g) {
    int inPlane = g.inH * g.inW;
    boolean sameWidth = g.sh == 1 && g.sw == 1 && g.inW == g.outW;
    int r = 0;
    for (int c = 0; c < g.inPerGroup(); c++) {
      int plane = xOff + c * inPlane;
      for (int ki = 0; ki < g.kh; ki++) {
        for (int kj = 0; kj < g.kw; kj++, r++) {
          int shift = kj * g.dw - g.pw;
          int lo = firstValid(shift, g.sw, g.outW);
          int hi = endValid(shift, g.sw, g.inW, g.outW, lo);
          if (sameWidth) {
            copyShiftedPlane(col, colOff + r * ld, x, plane, ki * g.dh - g.ph, shift, lo, hi, g);
            continue;
          }
          for (int oh = 0; oh < g.outH; oh++) {
            int dst = colOff + r * ld + oh * g.outW;
            int ih = oh * g.sh - g.ph + ki * g.dh;
            if (ih < 0 || ih >= g.inH) {
              Arrays.fill(col, dst, dst + g.outW, 0f);
              continue;
            }
            int src = plane + ih * g.inW + shift;
            for (int ow = 0; ow < lo; ow++) { // left padding
              col[dst + ow] = 0f;
            }
            if (g.sw == 1) {
              System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
            } else {
              for (int ow = lo; ow < hi; ow++) {
                col[dst + ow] = x[src + ow * g.sw];
              }
            }
            for (int ow = hi; ow < g.outW; ow++) { // right padding
              col[dst + ow] = 0f;
            }
          }
        }
      }
    }
  }

  /**
   * One im2col row when stride is 1 and {@code inW == outW}: output pixel (oh, ow) reads input
   * (oh + rowShift, ow + shift), a constant offset, so all valid rows move in one copy; the
   * padding columns, which the copy filled from neighbouring rows, are zeroed afterwards.
   */
  private static void copyShiftedPlane(float[] col, int dst, float[] x, int plane, int rowShift, int shift,
                                       int lo, int hi, ConvGeometry g) {
    int w = g.outW;
    int ohLo = Math.min(Math.max(-rowShift, 0), g.outH);
    int ohHi = Math.max(ohLo, Math.min(g.inH - rowShift, g.outH));
    if (ohLo == ohHi || lo == hi) {
      Arrays.fill(col, dst, dst + g.outH * w, 0f);
      return;
    }
    Arrays.fill(col, dst, dst + ohLo * w + lo, 0f);
    int from = ohLo * w + lo;
    int to = (ohHi - 1) * w + hi;
    System.arraycopy(x, plane + (ohLo + rowShift) * w + lo + shift, col, dst + from, to - from);
    Arrays.fill(col, dst + to, dst + g.outH * w, 0f);
    for (int oh = ohLo; oh < ohHi; oh++) {
      int row = dst + oh * w;
      for (int ow = 0; ow < lo; ow++) {
        col[row + ow] = 0f;
      }
      for (int ow = hi; ow < w; ow++) {
        col[row + ow] = 0f;
      }
    }
  }

  /** Adjoint of {@link #im2col}: {@code dx[c][ih][iw] += col[r][oh·outW + ow]} over every valid tap. */
  static void col2im(float[] dx, int dxOff, float[] col, int colOff, int ld, ConvGeometry g) {
    int inPlane = g.inH * g.inW;
    int r = 0;
    for (int c = 0; c < g.inPerGroup(); c++) {
      int plane = dxOff + c * inPlane;
      for (int ki = 0; ki < g.kh; ki++) {
        for (int kj = 0; kj < g.kw; kj++, r++) {
          int shift = kj * g.dw - g.pw;
          int lo = firstValid(shift, g.sw, g.outW);
          int hi = endValid(shift, g.sw, g.inW, g.outW, lo);
          for (int oh = 0; oh < g.outH; oh++) {
            int ih = oh * g.sh - g.ph + ki * g.dh;
            if (ih < 0 || ih >= g.inH) {
              continue;
            }
            int src = colOff + r * ld + oh * g.outW;
            int dst = plane + ih * g.inW + shift;
            if (g.sw == 1) {
              for (int ow = lo; ow < hi; ow++) {
                dx[dst + ow] += col[src + ow];
              }
            } else {
              for (int ow = lo; ow < hi; ow++) {
                dx[dst + ow * g.sw] += col[src + ow];
              }
            }
          }
        }
      }
    }
  }

  /**
   * col2im for stride 1 and no padding from wide columns: column {@code t = oh·inW + ow} of a sample
   * ({@code ow < inW}; the entries with {@code ow ≥ outW} are zero). Tap (c, ki, kj) of column t
   * lands on input element {@code t + ki·dh·inW + kj·dw} of plane c, so each row of col adds into dx
   * as one contiguous run, through the sample's last real output {@code (outH − 1)·inW + outW}; the
   * zero entries inside the run add nothing, and the run ends on the plane's last element. The
   * additions reach each dx element in the order of {@link #col2im}.
   */
  static void col2imWide(float[] dx, int dxOff, float[] col, int colOff, int ld, ConvGeometry g) {
    int inPlane = g.inH * g.inW;
    int run = (g.outH - 1) * g.inW + g.outW;
    int r = 0;
    for (int c = 0; c < g.inPerGroup(); c++) {
      int plane = dxOff + c * inPlane;
      for (int ki = 0; ki < g.kh; ki++) {
        for (int kj = 0; kj < g.kw; kj++, r++) {
          SeqMath.addInto(dx, plane + ki * g.dh * g.inW + kj * g.dw, col, colOff + r * ld, run); // Vector API
        }
      }
    }
  }

  /** First output column whose tap {@code ow·s + shift} is ≥ 0 (clamped to [0, outW]). */
  static int firstValid(int shift, int s, int outW) {
    int lo = shift >= 0 ? 0 : (-shift + s - 1) / s;
    return Math.min(lo, outW);
  }

  /** One past the last output column whose tap {@code ow·s + shift} is < inW (clamped to [lo, outW]). */
  static int endValid(int shift, int s, int inW, int outW, int lo) {
    int last = inW - 1 - shift; // need ow·s ≤ last
    int hi = last < 0 ? 0 : last / s + 1;
    return Math.max(lo, Math.min(hi, outW));
  }
}
