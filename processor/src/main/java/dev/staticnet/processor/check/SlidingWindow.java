package dev.staticnet.processor.check;

/** PyTorch's sliding-window arithmetic for Conv2d and the pools (SEMANTICS.md "Shapes"). */
public final class SlidingWindow {
  private SlidingWindow() {}

  /** {@code floor((n + 2p - d(k - 1) - 1) / s) + 1}; below 1 when the window does not fit. */
  public static int outputSize(int n, int k, int s, int p, int d) {
    int span = n + 2 * p - d * (k - 1) - 1;
    return span < 0 ? 0 : span / s + 1;
  }

  /**
   * Input rows (of {@code n}, padding excluded) after the last window: never read. Counted only
   * when windows overlap or touch ({@code d(k-1)+1 >= s}); with gaps between windows (a 1x1
   * stride-2 downsample) skipping is the point.
   */
  public static int droppedRows(int n, int k, int s, int p, int d) {
    int extent = d * (k - 1) + 1;
    int out = outputSize(n, k, s, p, d);
    if (out < 1 || extent < s) {
      return 0;
    }
    int lastRead = (out - 1) * s - p + extent - 1; // index of the last input row the last window covers
    return Math.max(0, n - 1 - lastRead);
  }
}
