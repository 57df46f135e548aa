package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Log-softmax over the last axis, {@code x - max - log(sum(exp(x - max)))}; pair it with {@code Loss.NLL}.
 *
 * <p>Shape unchanged. No parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface LogSoftmax {
}
