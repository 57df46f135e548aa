package dev.staticnet.processor.check;

import dev.staticnet.processor.model.Dims;

/**
 * What reaches a step: the shape (null = unknown, because an earlier step is broken and already
 * reported, so nothing downstream may complain), who produced it, and how.
 *
 * @param producer {@code 'flatten'} or {@code the network input}, as messages print it
 * @param origin   how the producer made it, e.g. {@code flattened from 12x16x16}; null if nothing to say
 * @param tokens   the value is integer token ids (a TOKENS network's input)
 */
record Flow(Dims dims, String producer, String origin, boolean tokens) {
  static Flow input(Dims dims, boolean tokens) {
    return new Flow(dims, "the network input", null, tokens);
  }

  boolean known() {
    return dims != null;
  }

  /** {@code 3072 (flattened from 12x16x16)} or just {@code 3072}. */
  String describe() {
    return Shapes.text(dims) + (origin == null ? "" : " (" + origin + ")");
  }
}
