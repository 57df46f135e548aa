package dev.staticnet;

import java.util.ArrayList;
import java.util.List;

/** {@link Parameters} view over a generated model's flat arrays. */
final class FlatParameters implements Parameters {
  private final ModelSpec spec;
  private final float[] params;
  private final float[] buffers;
  private final long[] counters;
  private final List<String> names;
  /** Told after every successful {@link #set} (the model's folded weights go stale). */
  private final Runnable onChange;

  FlatParameters(ModelSpec spec, float[] params, float[] buffers, long[] counters, Runnable onChange) {
    this.spec = spec;
    this.onChange = onChange;
    this.params = params;
    this.buffers = buffers;
    this.counters = counters;
    List<String> n = new ArrayList<>();
    for (ModelSpec.Tensor t : spec.tensors()) {
      n.add(t.name());
    }
    this.names = List.copyOf(n);
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public int[] shape(String name) {
    return spec.tensor(name).shape().clone();
  }

  @Override
  public boolean trainable(String name) {
    return spec.tensor(name).store() == ModelSpec.Store.PARAM;
  }

  @Override
  public float[] get(String name) {
    ModelSpec.Tensor t = spec.tensor(name);
    switch (t.store()) {
      case PARAM:
        return java.util.Arrays.copyOfRange(params, t.offset(), t.offset() + t.size());
      case BUFFER:
        return java.util.Arrays.copyOfRange(buffers, t.offset(), t.offset() + t.size());
      default:
        return new float[] {counters[t.offset()]};
    }
  }

  @Override
  public void set(String name, float[] values) {
    ModelSpec.Tensor t = spec.tensor(name);
    if (values == null || values.length != t.size()) {
      throw new IllegalArgumentException(spec.network() + ": '" + name + "' has shape "
          + java.util.Arrays.toString(t.shape()) + " (" + t.size() + " values), got "
          + (values == null ? "null" : values.length + " values"));
    }
    switch (t.store()) {
      case PARAM:
        System.arraycopy(values, 0, params, t.offset(), t.size());
        break;
      case BUFFER:
        System.arraycopy(values, 0, buffers, t.offset(), t.size());
        break;
      default:
        float v = values[0];
        if (v < 0 || v != Math.rint(v)) {
          throw new IllegalArgumentException(spec.network() + ": '" + name + "' is a non-negative integer count, got " + v);
        }
        counters[t.offset()] = (long) v;
    }
    onChange.run();
  }
}
