package dev.staticnet.train;

import dev.staticnet.Optimizer;
import java.util.function.ToDoubleFunction;

/**
 * Gradient-free training by evolution strategies (Salimans et al. 2017), with antithetic Gaussian
 * perturbations and rank-based fitness shaping (SEMANTICS.md). Per step, for pairs {@code i = 1..n}:
 *
 * <pre>
 * L+_i = loss(theta + sigma * eps_i),  L-_i = loss(theta - sigma * eps_i),  eps_i ~ N(0, I)
 * u = centred ranks of all 2n losses, in [-0.5, 0.5]      (rank shaping: scale-free, outlier-proof)
 * g = 1 / (2 n sigma) * sum_i (u+_i - u-_i) * eps_i     (estimate of d loss / d theta)
 * </pre>
 *
 * and {@code g} is handed to any {@link Optimizer} as the gradient. Only the loss is evaluated, so
 * steps need not be differentiable. The noise is regenerated from per-pair seeds instead of stored;
 * after the first step nothing is allocated.
 */
public final class EvolutionStrategy {
  private final int pairs;
  private final float sigma;
  private final Rng seeds;
  private final long[] pairSeeds;
  private final double[] losses; // (2 * pairs): L+_0, L-_0, L+_1, ...
  private final double[] shaped; // (2 * pairs) centred ranks
  private final int[] order; // (2 * pairs) indices sorted by loss
  private final Rng noise = new Rng(0);
  private float[] perturbed; // (d)
  private float[] gradient; // (d)

  /**
   * @param pairs antithetic pairs per step (the population is {@code 2 * pairs})
   * @param sigma standard deviation of the perturbations
   * @param seed seed of the perturbations
   */
  public EvolutionStrategy(int pairs, float sigma, long seed) {
    if (pairs < 1) {
      throw new IllegalArgumentException("ES: pairs must be >= 1, got " + pairs);
    }
    if (!(sigma > 0) || Float.isInfinite(sigma)) {
      throw new IllegalArgumentException("ES: sigma must be a finite value > 0, got " + sigma);
    }
    this.pairs = pairs;
    this.sigma = sigma;
    this.seeds = new Rng(seed);
    this.pairSeeds = new long[pairs];
    this.losses = new double[2 * pairs];
    this.shaped = new double[2 * pairs];
    this.order = new int[2 * pairs];
  }

  /**
   * One step: evaluates the population around {@code theta}, estimates the gradient and lets
   * {@code optimizer} update {@code theta} in place.
   *
   * @param loss the loss of a parameter vector (lower is better); it must not keep the array it is given
   * @return the mean loss over the population (before the update)
   */
  public double step(float[] theta, ToDoubleFunction<float[]> loss, Optimizer optimizer) {
    int d = theta.length;
    if (perturbed == null || perturbed.length != d) {
      perturbed = new float[d];
      gradient = new float[d];
    }
    double sum = 0;
    for (int i = 0; i < pairs; i++) {
      pairSeeds[i] = seeds.nextLong();
      for (int sign = 0; sign < 2; sign++) {
        perturb(theta, pairSeeds[i], sign == 0 ? sigma : -sigma);
        double l = loss.applyAsDouble(perturbed);
        losses[2 * i + sign] = l;
        sum += l;
      }
    }
    centredRanks();
    java.util.Arrays.fill(gradient, 0f);
    double scale = 1.0 / (2.0 * pairs * sigma);
    for (int i = 0; i < pairs; i++) {
      float w = (float) ((shaped[2 * i] - shaped[2 * i + 1]) * scale);
      noise.reseed(pairSeeds[i]);
      for (int j = 0; j < d; j++) {
        gradient[j] += w * (float) noise.nextGaussian();
      }
    }
    optimizer.step(theta, gradient);
    return sum / (2 * pairs);
  }

  /** perturbed = theta + s * eps, eps drawn from the pair's seed. */
  private void perturb(float[] theta, long pairSeed, float s) {
    noise.reseed(pairSeed);
    for (int j = 0; j < theta.length; j++) {
      perturbed[j] = theta[j] + s * (float) noise.nextGaussian();
    }
  }

  /** shaped[k] = rank(losses[k]) / (2n - 1) - 0.5 ; ties keep their index order. */
  private void centredRanks() {
    int m = losses.length;
    for (int k = 0; k < m; k++) { // insertion sort: stable, no allocation, populations are small
      int j = k;
      while (j > 0 && Double.compare(losses[order[j - 1]], losses[k]) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = k;
    }
    for (int rank = 0; rank < m; rank++) {
      shaped[order[rank]] = m == 1 ? 0 : (double) rank / (m - 1) - 0.5;
    }
  }
}
