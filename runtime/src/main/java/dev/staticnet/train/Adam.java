package dev.staticnet.train;

import java.util.List;

/**
 * Adam and AdamW with PyTorch's {@code torch.optim.Adam}/{@code AdamW} semantics. At step {@code t}:
 *
 * <pre>
 * w -= lr * decoupledWd * w                     (AdamW only)
 * g  = grad + weightDecay * w                   (Adam's L2 penalty only)
 * m  = beta1 * m + (1 - beta1) * g
 * v  = beta2 * v + (1 - beta2) * g^2
 * w -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * The bias corrections are computed in double once per step, as PyTorch does in Python floats.
 * Allocates its moments on the first step; nothing per step after that.
 */
public final class Adam extends ElementwiseOptimizer {
  private final float beta1;
  private final float beta2;
  private final float eps;
  private final float weightDecay;
  private final float decoupledWeightDecay;
  private float[] m;
  private float[] v;
  private float stepSize; // lr / (1 - beta1^t)
  private float invBc2Sqrt; // 1 / sqrt(1 - beta2^t)
  private float decay; // AdamW: 1 - lr * wd

  private Adam(Builder b) {
    super(b.decoupledWeightDecay > 0 ? "AdamW" : "Adam", b.lr, b.maxGradNorm);
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.eps = b.eps;
    this.weightDecay = b.weightDecay;
    this.decoupledWeightDecay = b.decoupledWeightDecay;
  }

  /** A builder with learning rate {@code lr} and PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no decay. */
  public static Builder builder(float lr) {
    return new Builder(lr);
  }

  @Override
  void allocate(int n) {
    m = new float[n];
    v = new float[n];
  }

  @Override
  void release() {
    m = null;
    v = null;
  }

  /** {@code exp_avg} (m) and {@code exp_avg_sq} (v). */
  @Override
  List<String> stateNames() {
    return List.of("exp_avg", "exp_avg_sq");
  }

  @Override
  float[] stateArray(String name) {
    return name.equals("exp_avg") ? m : v;
  }

  @Override
  void prepare(float lr, long t) {
    double bc1 = 1 - Math.pow(beta1, t);
    double bc2 = 1 - Math.pow(beta2, t);
    stepSize = (float) (lr / bc1);
    invBc2Sqrt = (float) (1 / Math.sqrt(bc2)); // multiply, not divide: one division per element fewer
    decay = (float) (1 - (double) lr * decoupledWeightDecay);
  }

  @Override
  void update(float[] params, float[] grads, int from, int to) {
    float stepSize = this.stepSize;
    float invBc2Sqrt = this.invBc2Sqrt;
    float decay = this.decay;
    float wd = weightDecay;
    float b1 = beta1;
    float b2 = beta2;
    float oneMinusB1 = 1 - beta1;
    float oneMinusB2 = 1 - beta2;
    float e = eps;
    float[] m = this.m;
    float[] v = this.v;
    for (int i = from; i < to; i++) {
      float w = params[i] * decay;
      float g = grads[i] + wd * w;
      float mi = b1 * m[i] + oneMinusB1 * g;
      float vi = b2 * v[i] + oneMinusB2 * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = w - stepSize * (mi / ((float) Math.sqrt(vi) * invBc2Sqrt + e));
    }
  }

  /** Options of {@link Adam}; each setter checks its value at once. */
  public static final class Builder {
    private final float lr;
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float eps = 1e-8f;
    private float weightDecay;
    private float decoupledWeightDecay;
    private float maxGradNorm;

    Builder(float lr) {
      this.lr = Checks.nonNegative("Adam", "lr", lr);
    }

    /** Decay rates of the first and second moments, each in [0, 1). */
    public Builder betas(float beta1, float beta2) {
      this.beta1 = Checks.unitInterval("Adam", "beta1", beta1);
      this.beta2 = Checks.unitInterval("Adam", "beta2", beta2);
      return this;
    }

    /** Added to the denominator (default 1e-8). */
    public Builder eps(float eps) {
      this.eps = Checks.nonNegative("Adam", "eps", eps);
      return this;
    }

    /** Adam's L2 penalty: adds {@code wd * w} to the gradient (PyTorch {@code Adam(weight_decay=wd)}). */
    public Builder weightDecay(float wd) {
      this.weightDecay = Checks.nonNegative("Adam", "weightDecay", wd);
      return this;
    }

    /** AdamW: {@code w -= lr * wd * w} before the Adam step (PyTorch {@code AdamW(weight_decay=wd)}). */
    public Builder decoupledWeightDecay(float wd) {
      this.decoupledWeightDecay = Checks.nonNegative("AdamW", "weightDecay", wd);
      return this;
    }

    /** Clips the gradient to this global L2 norm before each step, scaling the array in place (default 0: off). */
    public Builder clipGradNorm(float maxNorm) {
      this.maxGradNorm = Checks.nonNegative("Adam", "clipGradNorm", maxNorm);
      return this;
    }

    /**
     * The optimiser.
     *
     * @throws IllegalArgumentException if both the L2 and the decoupled weight decay are set
     */
    public Adam build() {
      if (weightDecay > 0 && decoupledWeightDecay > 0) {
        throw new IllegalArgumentException("Adam: choose one weight decay, L2 (weightDecay = " + weightDecay
            + ") or decoupled (AdamW, decoupledWeightDecay = " + decoupledWeightDecay + "), not both");
      }
      return new Adam(this);
    }
  }
}
