package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gated recurrent unit with PyTorch's gate order r, z, n.
 *
 * <p>Shape: {@code (T, F) -> (hidden)}, or {@code (T, hidden)} with {@link #returnSequences()}.
 * Parameters as {@link RNN} with three stacked gates; count {@code 3(H*F + H*H + 2H)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface GRU {
  /** Hidden size {@code H}. */
  int hidden();

  /** Output every time step rather than the last hidden state. */
  boolean returnSequences() default false;
}
