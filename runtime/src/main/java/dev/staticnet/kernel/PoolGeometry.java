package dev.staticnet.kernel;

/**
 * Immutable shape of one 2-D max or average pooling (PyTorch {@code nn.MaxPool2d} /
 * {@code nn.AvgPool2d}, {@code ceil_mode=False}, no dilation), for {@code static final} use in
 * generated code.
 *
 * <p>Per sample {@code (c, h, w) → (c, outH, outW)}, {@code outH = floor((h + 2·ph − kh) / sh) + 1}
 * (same for W). Padding may be at most half the window ({@code ph ≤ kh/2}, PyTorch's rule), so
 * every window holds at least one real input element.
 */
public final class PoolGeometry {
  public final int c;
  public final int h;
  public final int w;
  public final int kh;
  public final int kw;
  public final int sh;
  public final int sw;
  public final int ph;
  public final int pw;
  public final int outH;
  public final int outW;

  /** Creates and validates the geometry; throws {@link IllegalArgumentException} naming what is wrong. */
  public PoolGeometry(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw) {
    positive("channels", c);
    positive("input height", h);
    positive("input width", w);
    positive("kernel height", kh);
    positive("kernel width", kw);
    positive("stride height", sh);
    positive("stride width", sw);
    if (ph < 0 || pw < 0) {
      throw new IllegalArgumentException("Pool2d: padding must be >= 0, got (" + ph + ", " + pw + ")");
    }
    if (ph > kh / 2 || pw > kw / 2) {
      throw new IllegalArgumentException("Pool2d: padding (" + ph + ", " + pw + ") must be at most half the kernel ("
          + kh + ", " + kw + "), i.e. at most (" + kh / 2 + ", " + kw / 2 + ")");
    }
    this.c = c;
    this.h = h;
    this.w = w;
    this.kh = kh;
    this.kw = kw;
    this.sh = sh;
    this.sw = sw;
    this.ph = ph;
    this.pw = pw;
    this.outH = Math.floorDiv(h + 2 * ph - kh, sh) + 1;
    this.outW = Math.floorDiv(w + 2 * pw - kw, sw) + 1;
    if (outH < 1 || outW < 1) {
      throw new IllegalArgumentException("Pool2d: input " + c + "x" + h + "x" + w + " is too small for kernel "
          + kh + "x" + kw + " (padding " + ph + "x" + pw + "): output would be " + outH + "x" + outW
          + ", expected at least 1x1");
    }
    if ((long) c * h * w > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Pool2d: geometry too large for float[] buffers: " + this);
    }
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("Pool2d: " + what + " must be >= 1, got " + value);
    }
  }

  /** Elements of one input sample: {@code c · h · w}. */
  public int inSize() {
    return c * h * w;
  }

  /** Elements of one output sample: {@code c · outH · outW}. */
  public int outSize() {
    return c * outH * outW;
  }

  @Override
  public String toString() {
    return "PoolGeometry[" + c + "x" + h + "x" + w + " -> " + c + "x" + outH + "x" + outW + ", kernel " + kh + "x" + kw
        + ", stride " + sh + "x" + sw + ", padding " + ph + "x" + pw + "]";
  }
}
