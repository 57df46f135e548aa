package dev.staticnet.train;

import dev.staticnet.Optimizer;
import dev.staticnet.kernel.Parallel;

/**
 * Common frame of the optimisers here: argument checks, per-parameter state sized on the first
 * step (and never re-allocated), optional clipping of the gradient by its global L2 norm, then an
 * element-wise update written by the subclass. Large arrays are updated on the {@link Parallel}
 * workers in disjoint ranges; every element's arithmetic is the same however the range is split,
 * so results do not depend on the thread count.
 */
abstract class ElementwiseOptimizer extends Optimizer {
  /** Below this many parameters the update runs on the caller alone (a hand-off costs microseconds). */
  static final int PARALLEL_MIN = 1 << 16;
  /** Range boundaries are multiples of this (16 floats = one cache line: no false sharing). */
  private static final int ALIGN = 16;

  private final String name;
  private final float maxGradNorm;
  private final Parallel.Task rangeTask = this::updatePart; // created once: no allocation per step
  private float lr;
  private int size = -1;
  private float[] stepParams;
  private float[] stepGrads;

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
    int parts = Math.min(Parallel.threads(), params.length / PARALLEL_MIN);
    if (parts <= 1) {
      update(params, grads, 0, params.length);
      return;
    }
    stepParams = params;
    stepGrads = grads;
    try {
      Parallel.run(parts, rangeTask);
    } finally {
      stepParams = null;
      stepGrads = null;
    }
  }

  private void updatePart(int part, int parts) {
    int n = stepParams.length;
    int chunk = (n / parts + ALIGN - 1) / ALIGN * ALIGN;
    int from = Math.min(n, part * chunk);
    int to = part == parts - 1 ? n : Math.min(n, from + chunk);
    update(stepParams, stepGrads, from, to);
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

  /**
   * Updates parameters {@code [from, to)}; may run concurrently for disjoint ranges, so it reads only
   * the scalars set by {@link #prepare} and writes only inside its range.
   */
  abstract void update(float[] params, float[] grads, int from, int to);
}
