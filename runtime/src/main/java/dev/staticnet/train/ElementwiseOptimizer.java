package dev.staticnet.train;

import dev.staticnet.Optimizer;

/**
 * Common frame of the optimisers here: argument checks, per-parameter state sized on the first
 * step (and never re-allocated), optional clipping of the gradient by its global L2 norm, then an
 * element-wise update written by the subclass.
 *
 * <p>The update runs on the calling thread. Splitting it over the kernel workers was measured slower
 * on the 2-core target while other work shares the cores (SGD on 397,510 parameters: 49 µs on one
 * thread, 287 µs on two); {@link #update} takes a range so that a split stays a one-line change.
 */
abstract class ElementwiseOptimizer extends Optimizer {
  private final String name;
  private final float maxGradNorm;
  private float lr;
  private int size = -1;

  ElementwiseOptimizer(String name, float lr, float maxGradNorm) {
    this.name = name;
    this.lr = Checks.nonNegative(name, "lr", lr);
    this.maxGradNorm = maxGradNorm;
  }

  @Override
  public final void step(float[] params, float[] grads) {
    if (params == null || grads == null) {
      throw new IllegalArgumentException(name + ": params and grads must not be null");
    }
    if (params.length != grads.length) {
      throw new IllegalArgumentException(name + ": params has " + params.length + " elements but grads has "
          + grads.length + "; they must share one layout");
    }
    if (size < 0) {
      allocate(params.length);
      size = params.length;
    } else if (size != params.length) {
      throw new IllegalStateException(name + ": state was sized for " + size + " parameters on the first step, got "
          + params.length + " now; use one optimiser per model");
    }
    if (maxGradNorm > 0) {
      GradientClipping.clipByGlobalNorm(grads, maxGradNorm);
    }
    prepare(lr);
    update(params, grads, 0, params.length);
  }

  @Override
  public final float learningRate() {
    return lr;
  }

  @Override
  public final void setLearningRate(float lr) {
    this.lr = Checks.nonNegative(name, "lr", lr);
  }

  /** Allocates the per-parameter state for {@code n} parameters (called once, on the first step). */
  abstract void allocate(int n);

  /** Computes this step's scalars (learning rate, bias corrections) once, before {@link #update}. */
  abstract void prepare(float lr);

  /** Updates parameters {@code [from, to)}, reading only the scalars set by {@link #prepare}. */
  abstract void update(float[] params, float[] grads, int from, int to);
}
