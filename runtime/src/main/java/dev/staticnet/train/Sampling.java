package dev.staticnet.train;

/**
 * How {@link TextGenerator} picks the next token from one position's scores {@code s} (logits or
 * log-probabilities; both give the same choice, as softmax ignores a constant shift):
 * <ul>
 *   <li>{@link #greedy()}: the arg max (the lowest id among equal maxima);</li>
 *   <li>{@link #temperature(double)}: a draw from {@code softmax(s / τ)}; τ &lt; 1 sharpens, τ &gt; 1
 *       flattens, τ → 0 tends to greedy;</li>
 *   <li>{@link #topK(int, double)}: a draw from {@code softmax(s / τ)} restricted to the k highest
 *       scores (ties broken towards the lower id); k = 1 is greedy.</li>
 * </ul>
 * Immutable; draws use the {@link Rng} passed in, so a seed fixes every choice.
 */
public final class Sampling {
  private final int k;            // 0: every token is a candidate
  private final double temperature; // 0: greedy

  private Sampling(int k, double temperature) {
    this.k = k;
    this.temperature = temperature;
  }

  /** Always the highest-scoring token. */
  public static Sampling greedy() {
    return new Sampling(1, 0);
  }

  /**
   * A draw from {@code softmax(scores / temperature)} over the whole vocabulary.
   *
   * @throws IllegalArgumentException unless {@code temperature > 0} and finite
   */
  public static Sampling temperature(double temperature) {
    return new Sampling(0, checkTemperature(temperature));
  }

  /**
   * A draw from {@code softmax(scores / temperature)} over the {@code k} highest scores.
   *
   * @throws IllegalArgumentException unless {@code k >= 1} and {@code temperature > 0} and finite
   */
  public static Sampling topK(int k, double temperature) {
    if (k < 1) {
      throw new IllegalArgumentException("top-k sampling: k must be at least 1, got " + k);
    }
    return new Sampling(k, checkTemperature(temperature));
  }

  /** Candidates considered: {@code k} for top-k, 1 for greedy, 0 for "the whole vocabulary". */
  public int k() {
    return k;
  }

  /** The softmax temperature; 0 for greedy. */
  public double temperature() {
    return temperature;
  }

  @Override
  public String toString() {
    if (temperature == 0) {
      return "greedy";
    }
    return k == 0 ? "temperature " + temperature : "top-" + k + ", temperature " + temperature;
  }

  /**
   * Picks a token id in {@code [0, vocab)} from {@code scores[off .. off + vocab)}.
   *
   * @param candidates scratch of at least {@code vocab} ints (overwritten)
   * @param weights scratch of at least {@code vocab} doubles (overwritten)
   */
  int pick(float[] scores, int off, int vocab, Rng rng, int[] candidates, double[] weights) {
    if (temperature == 0) {
      return argMax(scores, off, vocab);
    }
    int n = k == 0 ? vocab : Math.min(k, vocab);
    if (n == vocab) {
      for (int v = 0; v < vocab; v++) {
        candidates[v] = v;
      }
    } else {
      highest(scores, off, vocab, n, candidates);
    }
    // weights_i = exp((s_i − max) / τ): the max-shifted softmax numerators, in double
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, scores[off + candidates[i]]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = Math.exp((scores[off + candidates[i]] - max) / temperature);
      sum += weights[i];
    }
    double u = rng.nextDouble() * sum;
    for (int i = 0; i < n; i++) {
      u -= weights[i];
      if (u < 0) {
        return candidates[i];
      }
    }
    return candidates[lastPositive(weights, n)]; // u ran past the end by rounding
  }

  private static int argMax(float[] s, int off, int vocab) {
    int best = 0;
    for (int v = 1; v < vocab; v++) {
      if (s[off + v] > s[off + best]) {
        best = v;
      }
    }
    return best;
  }

  /** The ids of the {@code n} highest scores, highest first, into {@code out[0 .. n)} (insertion, O(vocab·n)). */
  private static void highest(float[] s, int off, int vocab, int n, int[] out) {
    int size = 0;
    for (int v = 0; v < vocab; v++) {
      float score = s[off + v];
      if (size == n && !(score > s[off + out[n - 1]])) {
        continue; // not above the current n-th best (ties keep the lower id)
      }
      int i = size < n ? size++ : n - 1;
      while (i > 0 && score > s[off + out[i - 1]]) {
        out[i] = out[i - 1];
        i--;
      }
      out[i] = v;
    }
  }

  private static int lastPositive(double[] w, int n) {
    for (int i = n - 1; i > 0; i--) {
      if (w[i] > 0) {
        return i;
      }
    }
    return 0;
  }

  private static double checkTemperature(double temperature) {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("sampling temperature must be > 0 and finite, got " + temperature
          + " (use Sampling.greedy() for the arg max)");
    }
    return temperature;
  }
}
