package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fully connected layer, {@code y = x W^T + b}, applied to the last axis (PyTorch {@code nn.Linear}).
 *
 * <p>Shape: {@code (..., F) -> (..., out)}. Parameters: {@code weight (out, in)}, {@code bias (out)};
 * count {@code out*in + out} ({@code out*in} without bias). Default initialisation
 * {@code U(-1/sqrt(in), 1/sqrt(in))} for both.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Linear {
  /** Output features. */
  int out();

  /** Input features; inferred when {@code -1}, checked against the incoming shape otherwise. */
  int in() default -1;

  /** Whether the layer adds a learned bias. */
  boolean bias() default true;

  /** Activation applied to the output (fused). */
  Activation activation() default Activation.NONE;
}
