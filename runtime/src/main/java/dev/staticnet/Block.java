package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a reusable sub-network with the same method syntax as a {@link Network}.
 * Its input shape is whatever reaches it; a step returning the block type inlines it, prefixing
 * its parameter names with the step name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Block {
}
