package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reduces the time axis.
 *
 * <p>Shape: {@code (T, D) -> (D)}. No parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SequencePool {
  /** How to reduce: mean, last, first or max. */
  PoolMode mode();
}
