package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * 2-D convolution, strictly cross-correlation as PyTorch {@code nn.Conv2d}.
 *
 * <p>Shape: {@code (C, H, W) -> (out, H', W')} with
 * {@code H' = floor((H + 2p - d(k - 1) - 1) / s) + 1} (same for W). {@code groups} must divide
 * {@code in} and {@code out}. Parameters: {@code weight (out, in/groups, kh, kw)}, {@code bias (out)};
 * count {@code out*(in/groups)*kh*kw + out}. Int-array attributes take one value (square) or two
 * (height, width).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Conv2d {
  /** Output channels. */
  int out();

  /** Kernel size: {@code k} or {@code {kh, kw}}. */
  int[] kernel();

  /** Stride: {@code s} or {@code {sh, sw}}. */
  int[] stride() default 1;

  /** Zero padding per side: {@code p} or {@code {ph, pw}}. */
  int[] padding() default 0;

  /** Dilation: {@code d} or {@code {dh, dw}}. */
  int[] dilation() default 1;

  /** Channel groups; {@code groups == in == out} is a depthwise convolution. */
  int groups() default 1;

  /** Whether the layer adds a learned bias per output channel. */
  boolean bias() default true;

  /** Input channels; inferred when {@code -1}, checked otherwise. */
  int in() default -1;

  /** Activation applied to the output (fused). */
  Activation activation() default Activation.NONE;
}
