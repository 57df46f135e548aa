package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * 2-D max pooling (PyTorch {@code nn.MaxPool2d}); padding counts as {@code -inf}.
 *
 * <p>Shape: {@code (C, H, W) -> (C, H', W')}, {@code H' = floor((H + 2p - k) / s) + 1}. No parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface MaxPool2d {
  /** Window size: {@code k} or {@code {kh, kw}}. */
  int[] kernel();

  /** Stride; empty means equal to {@link #kernel()}. */
  int[] stride() default {};

  /** Padding per side; at most half the window (PyTorch rule). */
  int[] padding() default 0;
}
