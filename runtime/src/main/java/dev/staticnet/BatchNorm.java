package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Batch normalisation over {@code (C)} (BatchNorm1d) or {@code (C, H, W)} (BatchNorm2d, per channel).
 *
 * <p>Shape unchanged. Parameters: {@code weight (C)}, {@code bias (C)} when affine, count {@code 2C};
 * buffers {@code running_mean}, {@code running_var}, {@code num_batches_tracked}. Train mode uses the
 * batch statistics (biased variance) and updates the running ones (unbiased variance); eval mode
 * uses the running statistics.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface BatchNorm {
  /** Added to the variance before the square root. */
  double eps() default 1e-5;

  /** Weight of the new batch statistic in the running average. */
  double momentum() default 0.1;

  /** Whether to learn a scale and shift per channel. */
  boolean affine() default true;
}
