package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inverted dropout: in train mode each element is zeroed with probability {@code p} and the rest
 * scaled by {@code 1/(1 - p)}; identity in eval mode.
 *
 * <p>Shape unchanged. No parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Dropout {
  /** Drop probability, in [0, 1). */
  double p();
}
