package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the initialisation of a step's weights (on a step) or of every step (on the {@link Network}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Init {
  /** The scheme. */
  InitScheme scheme();

  /** Standard deviation, for {@link InitScheme#NORMAL}. */
  double std() default 0.01;
}
