package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Repeats a block step {@code n} times; the step returns {@code List<B>} and the copies are named
 * {@code step.0}, {@code step.1}, ... (PyTorch {@code ModuleList} naming).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Repeat {
  /** Number of copies, at least 1. */
  int value();
}
