package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.ParamSpec;

/**
 * A step's tensor at its place in the flat arrays.
 *
 * @param name     full {@code state_dict} name, {@code fc1.weight}
 * @param offset   index in {@code params}, {@code buffers} or {@code counters}, by {@link #store}
 * @param constant name of the generated constant holding the offset, {@code FC1_WEIGHT}
 */
record PlacedTensor(String name, ParamSpec spec, Store store, int offset, String constant) {
  /** Which flat array holds the tensor. */
  enum Store {
    PARAM("params"),
    BUFFER("buffers"),
    COUNTER("counters");

    private final String array;

    Store(String array) {
      this.array = array;
    }

    /** The generated model's field holding this store. */
    String array() {
      return array;
    }

    static Store of(ParamSpec.Role role) {
      if (role.trainable()) {
        return PARAM;
      }
      return role == ParamSpec.Role.COUNTER ? COUNTER : BUFFER;
    }
  }
}
