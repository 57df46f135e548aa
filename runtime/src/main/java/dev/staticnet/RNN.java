package dev.staticnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Elman recurrent layer, {@code h_t = act(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)}, {@code h_0 = 0}.
 *
 * <p>Shape: {@code (T, F) -> (hidden)}, or {@code (T, hidden)} with {@link #returnSequences()}.
 * Parameters: {@code weight_ih_l0 (H, F)}, {@code weight_hh_l0 (H, H)}, {@code bias_ih_l0 (H)},
 * {@code bias_hh_l0 (H)}; count {@code H*F + H*H + 2H}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface RNN {
  /** Hidden size {@code H}. */
  int hidden();

  /** {@code TANH} or {@code RELU}. */
  Activation nonlinearity() default Activation.TANH;

  /** Output every time step rather than the last hidden state. */
  boolean returnSequences() default false;
}
