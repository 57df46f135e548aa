package dev.staticnet;

/** What a network's input holds. */
public enum InputKind {
  /** Real-valued features of the declared input shape. */
  FLOAT,
  /** {@code T} integer token ids (passed as floats to {@link Model#predict}); the first step is {@link Embedding}. */
  TOKENS
}
