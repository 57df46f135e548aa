package dev.staticnet.train;

import dev.staticnet.Optimizer;

/** Stub: replaced by the full implementation (momentum, Nesterov, weight decay). */
public final class Sgd extends Optimizer {
  private float lr;

  private Sgd(Builder b) {
    this.lr = b.lr;
  }

  public static Builder builder(float lr) {
    return new Builder(lr);
  }

  @Override
  public void step(float[] params, float[] grads) {
    for (int i = 0; i < params.length; i++) {
      params[i] -= lr * grads[i];
    }
  }

  @Override
  public float learningRate() {
    return lr;
  }

  @Override
  public void setLearningRate(float lr) {
    this.lr = lr;
  }

  public static final class Builder {
    private final float lr;

    Builder(float lr) {
      this.lr = lr;
    }

    public Builder momentum(float m) {
      throw new UnsupportedOperationException("TODO");
    }

    public Sgd build() {
      return new Sgd(this);
    }
  }
}
