package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a block step residual: {@code output = block(x) + x}, or {@code block(x) + shortcut(x)} with
 * {@link #shortcut()}, followed by {@link #activation()}. Branch shapes must match.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Residual {
  /** A {@link Block} interface for the skip path; {@code void.class} means identity. */
  Class<?> shortcut() default void.class;

  /** Activation applied after the addition. */
  Activation activation() default Activation.NONE;
}
