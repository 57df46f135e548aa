package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Layer normalisation over the last axis, {@code (x - mean) / sqrt(var + eps) * gamma + beta}
 * with biased variance (PyTorch {@code nn.LayerNorm(D)}).
 *
 * <p>Shape unchanged. Parameters: {@code weight (D)}, {@code bias (D)}, count {@code 2D} (0 without affine).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface LayerNorm {
  /** Added to the variance before the square root. */
  double eps() default 1e-5;

  /** Whether to learn a scale and shift. */
  boolean affine() default true;
}
