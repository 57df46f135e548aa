package dev.staticnet.train;

import dev.staticnet.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Common frame of the optimisers here: argument checks, per-parameter state sized on the first
 * step (and never re-allocated), optional clipping of the gradient by its global L2 norm, then an
 * element-wise update written by the subclass.
 *
 * <p>The update runs on the calling thread. Splitting it over the kernel workers was measured slower
 * on the 2-core target while other work shares the cores (SGD on 397,510 parameters: 49 µs on one
 * thread, 287 µs on two); {@link #update} takes a range so that a split stays a one-line change.
 *
 * <p>{@link #state()} and {@link #restore} copy the per-parameter arrays named by
 * {@link #stateNames()}, the step count and the learning rate.
 */
abstract class ElementwiseOptimizer extends Optimizer {
  private final String name;
  private final float maxGradNorm;
  private float lr;
  private int size = OptimizerState.UNSIZED;
  private long steps;

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
    if (size == OptimizerState.UNSIZED) {
      allocate(params.length);
      size = params.length;
    } else if (size != params.length) {
      throw new IllegalStateException(name + ": state was sized for " + size + " parameters on the first step, got "
          + params.length + " now; use one optimiser per model");
    }
    if (maxGradNorm > 0) {
      GradientClipping.clipByGlobalNorm(grads, maxGradNorm);
    }
    steps++;
    prepare(lr, steps);
    update(params, grads, 0, params.length);
  }

  /** Steps taken so far (restored by {@link #restore}). */
  public final long steps() {
    return steps;
  }

  @Override
  public final OptimizerState state() {
    Map<String, float[]> arrays = new LinkedHashMap<>();
    if (size != OptimizerState.UNSIZED) {
      for (String n : stateNames()) {
        arrays.put(n, stateArray(n));
      }
    }
    return new OptimizerState(name, steps, lr, size, arrays);
  }

  @Override
  public final void restore(OptimizerState state) {
    if (state == null) {
      throw new IllegalArgumentException(name + ": restore needs an OptimizerState, got null");
    }
    if (!state.kind().equals(name)) {
      throw new IllegalArgumentException(name + ": cannot restore the state of a " + state.kind()
          + " optimiser; build a " + state.kind() + " to continue from it");
    }
    List<String> expected = state.size() == OptimizerState.UNSIZED ? List.of() : stateNames();
    if (!state.arrayNames().equals(expected)) {
      throw new IllegalArgumentException(name + ": the state holds arrays " + state.arrayNames() + " but this "
          + name + " keeps " + expected + " (its options differ, e.g. momentum on/off)");
    }
    Checks.nonNegative(name, "lr", state.learningRate());
    // Validated: from here on nothing can fail.
    size = state.size();
    steps = state.steps();
    lr = state.learningRate();
    if (size == OptimizerState.UNSIZED) {
      release();
      return;
    }
    allocate(size);
    for (String n : expected) {
      float[] source = state.view(n);
      System.arraycopy(source, 0, stateArray(n), 0, size);
    }
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

  /** Drops the per-parameter state (a restored unsized state); the next step allocates again. */
  abstract void release();

  /** Names of the per-parameter state arrays, in {@link OptimizerState} order (fixed by the options). */
  abstract List<String> stateNames();

  /** The live state array of that name (allocated). */
  abstract float[] stateArray(String name);

  /**
   * Computes this step's scalars (learning rate, bias corrections) once, before {@link #update}.
   *
   * @param step the number of this step, 1 for the first
   */
  abstract void prepare(float lr, long step);

  /** Updates parameters {@code [from, to)}, reading only the scalars set by {@link #prepare}. */
  abstract void update(float[] params, float[] grads, int from, int to);
}
