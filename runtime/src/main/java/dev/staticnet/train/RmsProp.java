package dev.staticnet.train;

import java.util.List;

/**
 * RMSprop with PyTorch's {@code torch.optim.RMSprop} semantics (not centered):
 *
 * <pre>
 * g  = grad + weightDecay * w
 * v  = alpha * v + (1 - alpha) * g^2
 * b  = momentum * b + g / (sqrt(v) + eps)      (only when momentum > 0)
 * w -= lr * b                                  (w -= lr * g / (sqrt(v) + eps) without momentum)
 * </pre>
 *
 * Allocates its state on the first step; nothing per step after that.
 */
public final class RmsProp extends ElementwiseOptimizer {
  private final float alpha;
  private final float eps;
  private final float weightDecay;
  private final float momentum;
  private float[] v;
  private float[] buf;
  private float stepLr; // this step's learning rate, set by prepare

  private RmsProp(Builder b) {
    super("RMSprop", b.lr, b.maxGradNorm);
    this.alpha = b.alpha;
    this.eps = b.eps;
    this.weightDecay = b.weightDecay;
    this.momentum = b.momentum;
  }

  /** A builder with learning rate {@code lr} and PyTorch's defaults: alpha 0.99, eps 1e-8. */
  public static Builder builder(float lr) {
    return new Builder(lr);
  }

  @Override
  void allocate(int n) {
    v = new float[n];
    buf = momentum > 0 ? new float[n] : null;
  }

  @Override
  void release() {
    v = null;
    buf = null;
  }

  /** {@code square_avg}, plus {@code momentum_buffer} when momentum is on. */
  @Override
  List<String> stateNames() {
    return momentum > 0 ? List.of("square_avg", "momentum_buffer") : List.of("square_avg");
  }

  @Override
  float[] stateArray(String name) {
    return name.equals("square_avg") ? v : buf;
  }

  @Override
  void prepare(float lr, long step) {
    this.stepLr = lr;
  }

  @Override
  void update(float[] params, float[] grads, int from, int to) {
    float lr = stepLr;
    float a = alpha;
    float oneMinusA = 1 - alpha;
    float e = eps;
    float wd = weightDecay;
    float mu = momentum;
    float[] v = this.v;
    for (int i = from; i < to; i++) {
      float g = grads[i] + wd * params[i];
      float vi = a * v[i] + oneMinusA * g * g;
      v[i] = vi;
      float d = g / ((float) Math.sqrt(vi) + e);
      if (mu > 0) {
        d = mu * buf[i] + d;
        buf[i] = d;
      }
      params[i] -= lr * d;
    }
  }

  /** Options of {@link RmsProp}; each setter checks its value at once. */
  public static final class Builder {
    private final float lr;
    private float alpha = 0.99f;
    private float eps = 1e-8f;
    private float weightDecay;
    private float momentum;
    private float maxGradNorm;

    Builder(float lr) {
      this.lr = Checks.nonNegative("RMSprop", "lr", lr);
    }

    /** Smoothing constant of the squared-gradient average, in [0, 1) (default 0.99). */
    public Builder alpha(float alpha) {
      this.alpha = Checks.unitInterval("RMSprop", "alpha", alpha);
      return this;
    }

    /** Added to the denominator (default 1e-8). */
    public Builder eps(float eps) {
      this.eps = Checks.nonNegative("RMSprop", "eps", eps);
      return this;
    }

    /** L2 penalty: adds {@code wd * w} to the gradient (default 0). */
    public Builder weightDecay(float wd) {
      this.weightDecay = Checks.nonNegative("RMSprop", "weightDecay", wd);
      return this;
    }

    /** Momentum on the normalised step (default 0: off). */
    public Builder momentum(float momentum) {
      this.momentum = Checks.nonNegative("RMSprop", "momentum", momentum);
      return this;
    }

    /** Clips the gradient to this global L2 norm before each step, scaling the array in place (default 0: off). */
    public Builder clipGradNorm(float maxNorm) {
      this.maxGradNorm = Checks.nonNegative("RMSprop", "clipGradNorm", maxNorm);
      return this;
    }

    /** The optimiser. */
    public RmsProp build() {
      return new RmsProp(this);
    }
  }
}
