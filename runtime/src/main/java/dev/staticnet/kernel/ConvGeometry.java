package dev.staticnet.kernel;

/**
 * Immutable shape of one 2-D convolution (PyTorch {@code nn.Conv2d} attributes), so generated code
 * can hold it as a {@code static final} constant.
 *
 * <p>Per sample {@code (inC, inH, inW) → (outC, outH, outW)} with
 * {@code outH = floor((inH + 2·ph − dh·(kh − 1) − 1) / sh) + 1} (same for W). Weights are laid out
 * as PyTorch's {@code (outC, inC/groups, kh, kw)}; {@code groups == inC == outC} is depthwise.
 */
public final class ConvGeometry {
  public final int inC;
  public final int inH;
  public final int inW;
  public final int outC;
  public final int kh;
  public final int kw;
  public final int sh;
  public final int sw;
  public final int ph;
  public final int pw;
  public final int dh;
  public final int dw;
  public final int groups;
  public final int outH;
  public final int outW;
  /**
   * For stride 1 with {@code p ≤ d·(k − 1)}: the geometry of the input gradient as a convolution of
   * dy with the flipped, transposed kernel ({@code (outC, outH, outW) → (inC, inH, inW)}, padding
   * {@code d·(k − 1) − p}); {@code null} when that does not apply or costs more than col2im (the
   * backward then uses col2im).
   */
  final ConvGeometry dataGradient;
  /**
   * Whether the col2im input gradient runs on wide columns ({@link ConvColumns#col2imWide}): stride
   * 1, no padding, no {@link #dataGradient}, and output rows short enough ({@code outW <
   * WIDE_COLUMNS_MAX_OUT_W}) that the plain col2im's row-by-row adds hardly vectorise.
   */
  final boolean wideColumnGradient;
  /** Output rows from this width on are long enough for the plain col2im. */
  static final int WIDE_COLUMNS_MAX_OUT_W = 32;

  /** Creates and validates the geometry; throws {@link IllegalArgumentException} naming what is wrong. */
  public ConvGeometry(int inC, int inH, int inW, int outC, int kh, int kw, int sh, int sw,
                      int ph, int pw, int dh, int dw, int groups) {
    this(inC, inH, inW, outC, kh, kw, sh, sw, ph, pw, dh, dw, groups, true);
  }

  private ConvGeometry(int inC, int inH, int inW, int outC, int kh, int kw, int sh, int sw,
                       int ph, int pw, int dh, int dw, int groups, boolean withDataGradient) {
    positive("in channels", inC);
    positive("input height", inH);
    positive("input width", inW);
    positive("out channels", outC);
    positive("kernel height", kh);
    positive("kernel width", kw);
    positive("stride height", sh);
    positive("stride width", sw);
    positive("dilation height", dh);
    positive("dilation width", dw);
    positive("groups", groups);
    if (ph < 0 || pw < 0) {
      throw new IllegalArgumentException(
          "Conv2d: padding must be >= 0, got (" + ph + ", " + pw + ")");
    }
    if (inC % groups != 0 || outC % groups != 0) {
      throw new IllegalArgumentException("Conv2d: groups = " + groups + " must divide both in channels = "
          + inC + " and out channels = " + outC);
    }
    this.inC = inC;
    this.inH = inH;
    this.inW = inW;
    this.outC = outC;
    this.kh = kh;
    this.kw = kw;
    this.sh = sh;
    this.sw = sw;
    this.ph = ph;
    this.pw = pw;
    this.dh = dh;
    this.dw = dw;
    this.groups = groups;
    this.outH = outSize(inH, kh, sh, ph, dh);
    this.outW = outSize(inW, kw, sw, pw, dw);
    if (outH < 1 || outW < 1) {
      throw new IllegalArgumentException("Conv2d: input " + inC + "x" + inH + "x" + inW + " is too small for kernel "
          + kh + "x" + kw + " (dilation " + dh + "x" + dw + ", padding " + ph + "x" + pw + "): output would be "
          + outH + "x" + outW + ", expected at least 1x1");
    }
    long weights = (long) outC * (inC / groups) * kh * kw;
    long cols = (long) (inC / groups) * kh * kw * outH * outW;
    if (weights > Integer.MAX_VALUE || cols > Integer.MAX_VALUE
        || (long) inC * inH * inW > Integer.MAX_VALUE || (long) outC * outH * outW > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Conv2d: geometry too large for float[] buffers: " + this);
    }
    // Worth it when the input is not much larger than the output (it computes over the whole input,
    // col2im only over the output): "same"-style padding, not a "valid" 5×5 on 14×14.
    boolean transposable = sh == 1 && sw == 1 && ph <= dh * (kh - 1) && pw <= dw * (kw - 1)
        && !isPointwise() && !isDepthwise() && (long) inH * inW * 4 <= (long) outH * outW * 5;
    this.wideColumnGradient = sh == 1 && sw == 1 && ph == 0 && pw == 0 && !transposable && !isPointwise()
        && !isDepthwise() && outW < inW && outW < WIDE_COLUMNS_MAX_OUT_W;
    this.dataGradient = withDataGradient && transposable
        ? new ConvGeometry(outC, outH, outW, inC, kh, kw, 1, 1, dh * (kh - 1) - ph, dw * (kw - 1) - pw, dh, dw,
            groups, false)
        : null;
  }

  /** {@code floor((n + 2p − d(k − 1) − 1) / s) + 1}; may be ≤ 0 for impossible inputs. */
  static int outSize(int n, int k, int s, int p, int d) {
    return Math.floorDiv(n + 2 * p - d * (k - 1) - 1, s) + 1;
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("Conv2d: " + what + " must be >= 1, got " + value);
    }
  }

  /** Input channels per group. */
  public int inPerGroup() {
    return inC / groups;
  }

  /** Output channels per group. */
  public int outPerGroup() {
    return outC / groups;
  }

  /** Rows of the im2col matrix per group: {@code inC/groups · kh · kw} (the GEMM's k). */
  public int colRows() {
    return inC / groups * kh * kw;
  }

  /** Elements of one input sample: {@code inC · inH · inW}. */
  public int inSize() {
    return inC * inH * inW;
  }

  /** Elements of one output sample: {@code outC · outH · outW}. */
  public int outSize() {
    return outC * outH * outW;
  }

  /** Output pixels per channel: {@code outH · outW} (the GEMM's n per sample). */
  public int outSpatial() {
    return outH * outW;
  }

  /** Weight elements: {@code outC · inC/groups · kh · kw}. */
  public int weightCount() {
    return outC * colRows();
  }

  /** True for a 1×1, stride-1, unpadded convolution: a plain GEMM on the input, no im2col. */
  public boolean isPointwise() {
    return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0;
  }

  /** True when every group has one input and one output channel ({@code groups == inC == outC}). */
  public boolean isDepthwise() {
    return groups == inC && groups == outC;
  }

  /** Multiply-adds of one forward pass per sample: {@code outC · outH · outW · inC/groups · kh · kw}. */
  public long macsPerSample() {
    return (long) outSize() * colRows();
  }

  @Override
  public String toString() {
    return "ConvGeometry[" + inC + "x" + inH + "x" + inW + " -> " + outC + "x" + outH + "x" + outW
        + ", kernel " + kh + "x" + kw + ", stride " + sh + "x" + sw + ", padding " + ph + "x" + pw
        + ", dilation " + dh + "x" + dw + ", groups " + groups + "]";
  }
}
