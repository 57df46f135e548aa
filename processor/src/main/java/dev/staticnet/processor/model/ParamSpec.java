package dev.staticnet.processor.model;

/**
 * One tensor of a step, as PyTorch's {@code state_dict} names it relative to the step
 * ({@code weight}, {@code bias}, {@code running_mean}, {@code weight_ih_l0}, {@code out_proj.weight}).
 *
 * @param role     what it is to the kernel (weight, bias, running stat, counter)
 * @param fanIn    fan-in used by initialisation (0 where not applicable)
 * @param fanOut   fan-out used by initialisation (0 where not applicable)
 */
public record ParamSpec(String name, Dims shape, Role role, int fanIn, int fanOut) {
  /** How the tensor is stored and initialised. */
  public enum Role {
    /** Trainable weight. */
    WEIGHT,
    /** Trainable bias. */
    BIAS,
    /** Trainable scale of a normalisation (initialised to 1). */
    NORM_WEIGHT,
    /** Trainable shift of a normalisation (initialised to 0). */
    NORM_BIAS,
    /** Float buffer initialised to 0 (running mean). */
    BUFFER_ZERO,
    /** Float buffer initialised to 1 (running variance). */
    BUFFER_ONE,
    /** int64 counter ({@code num_batches_tracked}). */
    COUNTER;

    public boolean trainable() {
      return this == WEIGHT || this == BIAS || this == NORM_WEIGHT || this == NORM_BIAS;
    }
  }

  public boolean trainable() {
    return role.trainable();
  }

  /** Number of elements. */
  public long size() {
    return shape.size();
  }
}
