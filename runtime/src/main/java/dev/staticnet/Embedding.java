package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Token embedding table (PyTorch {@code nn.Embedding}).
 *
 * <p>Shape: tokens {@code (T) -> (T, dim)}. Parameters: {@code weight (vocab, dim)}, count
 * {@code vocab*dim}, initialised {@code N(0, 1)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Embedding {
  /** Number of distinct token ids. */
  int vocab();

  /** Embedding width. */
  int dim();
}
