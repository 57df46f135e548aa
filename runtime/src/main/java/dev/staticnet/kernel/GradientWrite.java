package dev.staticnet.kernel;

/**
 * The two ways a backward kernel can write a gradient buffer, for its {@code accumulate} argument:
 * generated code reads {@code GradientWrite.ASSIGN} where a bare {@code false} would say nothing.
 */
public final class GradientWrite {
  private GradientWrite() {}

  /** Add into the buffer (it holds zeroes or earlier contributions). */
  public static final boolean ADD = true;
  /** Write every element without reading it: the first writer of a buffer in the backward pass. */
  public static final boolean ASSIGN = false;
}
