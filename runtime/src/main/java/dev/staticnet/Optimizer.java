package dev.staticnet;

import dev.staticnet.train.Adam;
import dev.staticnet.train.OptimizerState;
import dev.staticnet.train.RmsProp;
import dev.staticnet.train.Sgd;

/**
 * Updates a model's flat parameter array from its gradient array (same layout). An optimiser keeps
 * per-parameter state (momentum, moments) sized on its first step, so use one optimiser per model.
 *
 * <p>The factories cover the common cases; {@link Sgd#builder}, {@link Adam#builder} and
 * {@link RmsProp#builder} expose every option (Nesterov, weight decay, betas, gradient clipping).
 */
public abstract class Optimizer {
  /**
   * One update: {@code params} and {@code grads} have the same length and layout.
   *
   * @throws IllegalStateException if the arrays' length differs from the one this optimiser's
   *     state was sized for (it is being shared between models)
   */
  public abstract void step(float[] params, float[] grads);

  /** The learning rate used by the next {@link #step}. */
  public abstract float learningRate();

  /** Sets the learning rate used from the next {@link #step} on (schedules call this). */
  public abstract void setLearningRate(float lr);

  /**
   * A snapshot of this optimiser's state (per-parameter arrays, step count, learning rate), for
   * checkpoints. The built-in optimisers support it; others throw.
   *
   * @throws UnsupportedOperationException if this optimiser cannot snapshot its state
   */
  public OptimizerState state() {
    throw new UnsupportedOperationException(getClass().getName() + " does not support state snapshots");
  }

  /**
   * Replaces this optimiser's state by a snapshot from {@link #state()} of an optimiser of the same
   * kind and options. Everything is checked before anything changes.
   *
   * @throws IllegalArgumentException if the snapshot is of another kind ({@code Adam} into {@code SGD})
   *     or holds other arrays (momentum on in one, off in the other); this optimiser is then unchanged
   * @throws UnsupportedOperationException if this optimiser cannot restore state
   */
  public void restore(OptimizerState state) {
    throw new UnsupportedOperationException(getClass().getName() + " does not support restoring state");
  }

  /** Plain SGD, {@code w -= lr * g}. */
  public static Optimizer sgd(float lr) {
    return Sgd.builder(lr).build();
  }

  /** SGD with momentum {@code v = momentum * v + g}, {@code w -= lr * v} (PyTorch, dampening 0). */
  public static Optimizer sgd(float lr, float momentum) {
    return Sgd.builder(lr).momentum(momentum).build();
  }

  /** Adam with PyTorch's defaults (betas 0.9, 0.999; eps 1e-8). */
  public static Optimizer adam(float lr) {
    return Adam.builder(lr).build();
  }

  /** AdamW: decoupled weight decay {@code w -= lr * wd * w} before the Adam step. */
  public static Optimizer adamW(float lr, float weightDecay) {
    return Adam.builder(lr).decoupledWeightDecay(weightDecay).build();
  }

  /** RMSprop with PyTorch's defaults (alpha 0.99, eps 1e-8). */
  public static Optimizer rmsProp(float lr) {
    return RmsProp.builder(lr).build();
  }
}
