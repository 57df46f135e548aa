package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Mean over the spatial axes (PyTorch {@code nn.AdaptiveAvgPool2d(1)} then flatten).
 *
 * <p>Shape: {@code (C, H, W) -> (C)}. No parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface GlobalAvgPool {
}
