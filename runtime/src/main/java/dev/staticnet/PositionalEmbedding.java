package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Learned positional embedding: adds one vector per position.
 *
 * <p>Shape: {@code (T, D) -> (T, D)}. Parameters: {@code weight (T, D)}, count {@code T*D},
 * initialised {@code N(0, 0.02)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface PositionalEmbedding {
}
