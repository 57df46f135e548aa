package dev.staticnet;

import java.util.List;

/**
 * A model's named tensors in PyTorch {@code state_dict} order and naming, buffers included
 * ({@code running_mean}, {@code running_var}, {@code num_batches_tracked}).
 */
public interface Parameters {
  /** Every tensor name, in {@code state_dict} order. */
  List<String> names();

  /** Shape of a tensor, e.g. {@code {500, 784}} for {@code fc1.weight}. */
  int[] shape(String name);

  /** Whether the tensor is trained (false for buffers). */
  boolean trainable(String name);

  /** A copy of the tensor's values, row-major. */
  float[] get(String name);

  /** Replaces the tensor's values; the length must equal the product of its shape. */
  void set(String name, float[] values);
}
