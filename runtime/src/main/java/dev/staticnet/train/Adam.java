package dev.staticnet.train;

import dev.staticnet.Optimizer;

/** Stub: replaced by the full implementation. */
public final class Adam extends Optimizer {
  private Adam() {}

  public static Builder builder(float lr) {
    return new Builder();
  }

  @Override
  public void step(float[] params, float[] grads) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public float learningRate() {
    return 0;
  }

  @Override
  public void setLearningRate(float lr) {}

  public static final class Builder {
    public Builder decoupledWeightDecay(float wd) {
      return this;
    }

    public Adam build() {
      return new Adam();
    }
  }
}
