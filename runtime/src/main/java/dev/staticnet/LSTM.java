package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Long short-term memory layer with PyTorch's gate order i, f, g, o.
 *
 * <p>Shape: {@code (T, F) -> (hidden)}, or {@code (T, hidden)} with {@link #returnSequences()}.
 * Parameters as {@link RNN} with four stacked gates; count {@code 4(H*F + H*H + 2H)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface LSTM {
  /** Hidden size {@code H}. */
  int hidden();

  /** Output every time step rather than the last hidden state. */
  boolean returnSequences() default false;
}
