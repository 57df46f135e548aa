package dev.staticnet.benchmarks;

import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;

/**
 * One transformer block of {@link TinyTransformer} alone (issue 4's "transformer block" benchmark):
 * 64 positions of width 128 in, the same shape out, trained against targets with MSE. 198,272 parameters.
 */
@Network(input = {TinyTransformer.CONTEXT, TinyTransformer.WIDTH}, loss = Loss.MSE, params = 198_272)
public interface TransformerBlockNet extends Model {
  TinyTransformer.TransformerBlock block();

  static TransformerBlockNet create(long seed) {
    return new StaticNet_TransformerBlockNet(seed);
  }
}
