package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Softmax over the last axis, max-subtracted so that large logits do not overflow.
 *
 * <p>Shape unchanged. No parameters. Do not put it before {@code Loss.CROSS_ENTROPY}, which
 * applies its own (lint {@code double-softmax}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Softmax {
}
