package dev.staticnet.train;

import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's {@code torch.optim.SGD} semantics (dampening 0):
 *
 * <pre>
 * g = grad + weightDecay * w
 * v = momentum * v + g                 (v = g on the first step; skipped when momentum = 0)
 * d = nesterov ? g + momentum * v : v
 * w -= lr * d
 * </pre>
 *
 * Allocates its velocity on the first step (only when momentum is on); nothing per step after that.
 */
public final class Sgd extends ElementwiseOptimizer {
  private final float momentum;
  private final boolean nesterov;
  private final float weightDecay;
  private float[] velocity;
  private float stepLr; // this step's learning rate, set by prepare

  private Sgd(Builder b) {
    super("SGD", b.lr, b.maxGradNorm);
    this.momentum = b.momentum;
    this.nesterov = b.nesterov;
    this.weightDecay = b.weightDecay;
  }

  /** A builder with learning rate {@code lr} and every option off. */
  public static Builder builder(float lr) {
    return new Builder(lr);
  }

  @Override
  void allocate(int n) {
    velocity = momentum != 0 ? new float[n] : null;
  }

  @Override
  void release() {
    velocity = null;
  }

  /** {@code momentum_buffer} when momentum is on, none otherwise. */
  @Override
  List<String> stateNames() {
    return momentum != 0 ? List.of("momentum_buffer") : List.of();
  }

  @Override
  float[] stateArray(String name) {
    return velocity;
  }

  @Override
  void prepare(float lr, long step) {
    this.stepLr = lr;
  }

  @Override
  void update(float[] params, float[] grads, int from, int to) {
    float lr = stepLr;
    float wd = weightDecay;
    if (momentum == 0) {
      for (int i = from; i < to; i++) {
        params[i] -= lr * (grads[i] + wd * params[i]);
      }
      return;
    }
    float mu = momentum;
    float[] v = velocity;
    if (nesterov) {
      for (int i = from; i < to; i++) {
        float g = grads[i] + wd * params[i];
        v[i] = mu * v[i] + g;
        params[i] -= lr * (g + mu * v[i]);
      }
    } else {
      for (int i = from; i < to; i++) {
        float g = grads[i] + wd * params[i];
        v[i] = mu * v[i] + g;
        params[i] -= lr * v[i];
      }
    }
  }

  /** Options of {@link Sgd}; each setter checks its value at once. */
  public static final class Builder {
    private final float lr;
    private float momentum;
    private boolean nesterov;
    private float weightDecay;
    private float maxGradNorm;

    Builder(float lr) {
      this.lr = Checks.nonNegative("SGD", "lr", lr);
    }

    /** Momentum factor {@code mu >= 0}: {@code v = mu * v + g} (default 0: off). */
    public Builder momentum(float momentum) {
      this.momentum = Checks.nonNegative("SGD", "momentum", momentum);
      return this;
    }

    /** Nesterov momentum: the step is {@code g + mu * v} (needs momentum > 0). */
    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    /** L2 penalty: adds {@code weightDecay * w} to the gradient (default 0). */
    public Builder weightDecay(float weightDecay) {
      this.weightDecay = Checks.nonNegative("SGD", "weightDecay", weightDecay);
      return this;
    }

    /** Clips the gradient to this global L2 norm before each step, scaling the array in place (default 0: off). */
    public Builder clipGradNorm(float maxNorm) {
      this.maxGradNorm = Checks.nonNegative("SGD", "clipGradNorm", maxNorm);
      return this;
    }

    /**
     * The optimiser.
     *
     * @throws IllegalArgumentException for Nesterov without momentum (as PyTorch)
     */
    public Sgd build() {
      if (nesterov && momentum == 0) {
        throw new IllegalArgumentException("SGD: Nesterov momentum requires momentum > 0, got momentum 0");
      }
      return new Sgd(this);
    }
  }
}
