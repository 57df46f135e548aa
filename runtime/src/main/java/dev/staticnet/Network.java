package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface extending {@link Model} as a network. Each abstract method, in source order,
 * is one step; the annotation processor infers every step's shape and parameter count, reports
 * mistakes as compile errors, and generates {@code StaticNet_<Name>}.
 *
 * <p>Shape rule: the first step receives {@link #input()} (per sample, batch excluded); each step's
 * output feeds the next. Parameter count: the sum over the steps.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
  /** Per-sample input shape, batch excluded: {@code {784}}, {@code {3, 32, 32}} (C, H, W), {@code {T, F}}. */
  int[] input();

  /** {@link InputKind#TOKENS}: the input is {@code T} integer ids; the first step must be {@link Embedding}. */
  InputKind inputKind() default InputKind.FLOAT;

  /** The training loss applied to the last step's output. */
  Loss loss() default Loss.NONE;

  /** Expected number of trainable parameters; a mismatch is a compile error. {@code -1}: not checked. */
  long params() default -1;
}
