package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Multi-head self-attention (PyTorch {@code nn.MultiheadAttention} with q = k = v = x):
 * per head {@code softmax(Q K^T / sqrt(D/heads)) V}, heads concatenated, then {@code out_proj}.
 *
 * <p>Shape: {@code (T, D) -> (T, D)}; {@code heads} must divide {@code D}. Parameters:
 * {@code in_proj_weight (3D, D)}, {@code in_proj_bias (3D)}, {@code out_proj.weight (D, D)},
 * {@code out_proj.bias (D)}; count {@code 4D^2 + 4D} ({@code 3D^2 + 3D} without the out projection,
 * no bias terms without bias).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface MultiHeadAttention {
  /** Number of heads. */
  int heads();

  /** Mask keys after the query position. */
  boolean causal() default false;

  /** Whether the projections have biases. */
  boolean bias() default true;

  /** Whether the heads are mixed by an output projection. */
  boolean outProjection() default true;
}
