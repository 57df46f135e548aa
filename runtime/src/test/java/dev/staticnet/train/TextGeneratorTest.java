package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextGeneratorTest {
  private static final int V = 7;
  private static final int T = 4;

  /** A random (V, V) bigram score table without ties. */
  private static float[] randomTable(long seed) {
    Rng rng = new Rng(seed);
    float[] table = new float[V * V];
    for (int i = 0; i < table.length; i++) {
      table[i] = rng.uniform(-2f, 2f);
    }
    return table;
  }

  private static int argMax(float[] table, int row) {
    int best = 0;
    for (int v = 1; v < V; v++) {
      if (table[row * V + v] > table[row * V + best]) {
        best = v;
      }
    }
    return best;
  }

  /** Rank of token v in row {@code row} (0 = highest score). */
  private static int rank(float[] table, int row, int v) {
    int above = 0;
    for (int u = 0; u < V; u++) {
      if (table[row * V + u] > table[row * V + v]) {
        above++;
      }
    }
    return above;
  }

  @Test
  void greedyFollowsTheArgMaxOfTheLastPosition() {
    float[] table = randomTable(1);
    TextGenerator gen = new TextGenerator(new BigramLm(T, V, table, false));
    int[] out = gen.generate(new int[] {5, 2}, 12, Sampling.greedy(), 0);
    int previous = 2;
    for (int i = 0; i < out.length; i++) {
      assertEquals(argMax(table, previous), out[i], "token " + i + " after " + previous);
      previous = out[i];
    }
  }

  @Test
  void shortTextsArePaddedAndLongTextsSlide() {
    BigramLm lm = new BigramLm(T, V, randomTable(2), false);
    TextGenerator gen = new TextGenerator(lm, 6);
    gen.generate(new int[] {3}, 1, Sampling.greedy(), 0);
    assertArrayEquals(new float[] {3, 6, 6, 6}, lm.lastWindow);
    gen.generate(new int[] {1, 2, 3, 4, 5, 0}, 1, Sampling.greedy(), 0);
    assertArrayEquals(new float[] {3, 4, 5, 0}, lm.lastWindow, "the last T tokens");
    int[] out = gen.generate(new int[] {2}, 3, Sampling.greedy(), 0);
    assertArrayEquals(new float[] {2, out[0], out[1], 6}, lm.lastWindow, "prompt and generated tokens, then pad");
    assertEquals(1 + 1 + 3, lm.calls, "one forward pass per generated token");
  }

  @Test
  void topKNeverPicksOutsideTheKBestAndReachesEachOfThem() {
    float[] table = randomTable(3);
    TextGenerator gen = new TextGenerator(new BigramLm(T, V, table, false));
    int k = 3;
    int[] out = gen.generate(new int[] {0}, 3000, Sampling.topK(k, 50.0), 7); // hot: nearly uniform over the k
    int[] rankCounts = new int[V];
    int previous = 0;
    for (int token : out) {
      rankCounts[rank(table, previous, token)]++;
      previous = token;
    }
    for (int r = 0; r < k; r++) {
      assertTrue(rankCounts[r] > 700, "rank " + r + " drawn " + rankCounts[r] + " times of 3000");
    }
    for (int r = k; r < V; r++) {
      assertEquals(0, rankCounts[r], "rank " + r + " is outside the top " + k);
    }
  }

  @Test
  void topOneAndAVanishingTemperatureEqualGreedy() {
    float[] table = randomTable(4);
    TextGenerator gen = new TextGenerator(new BigramLm(T, V, table, false));
    int[] prompt = {4, 4, 1};
    int[] greedy = gen.generate(prompt, 40, Sampling.greedy(), 0);
    assertArrayEquals(greedy, gen.generate(prompt, 40, Sampling.temperature(1e-4), 11));
    assertArrayEquals(greedy, gen.generate(prompt, 40, Sampling.topK(1, 1.0), 12));
    assertFalse(Arrays.equals(greedy, gen.generate(prompt, 40, Sampling.temperature(1.0), 13)),
        "temperature 1 should wander off the greedy path");
  }

  /** softmax(scores / 1) is the model's distribution: the draws' frequencies follow it. */
  @Test
  void temperatureOneDrawsFromTheModelsDistribution() {
    float[] p = {0.5f, 0.25f, 0.125f, 0.0625f, 0.03125f, 0.03125f, 0f};
    float[] table = new float[V * V];
    for (int row = 0; row < V; row++) {
      for (int v = 0; v < V; v++) {
        table[row * V + v] = p[v] > 0 ? (float) Math.log(p[v]) : -1e4f;
      }
    }
    TextGenerator gen = new TextGenerator(new BigramLm(T, V, table, false));
    int n = 20_000;
    int[] counts = new int[V];
    for (int token : gen.generate(new int[] {0}, n, Sampling.temperature(1.0), 5)) {
      counts[token]++;
    }
    for (int v = 0; v < V; v++) {
      double sd = Math.sqrt(n * p[v] * (1 - p[v]));
      assertEquals(n * p[v], counts[v], 4 * sd + 1e-9, "draws of token " + v);
    }
    // a higher temperature flattens: p^(1/2) renormalised puts more mass on the tail
    int tail = 0;
    for (int token : gen.generate(new int[] {0}, n, Sampling.temperature(2.0), 5)) {
      tail += token >= 3 ? 1 : 0;
    }
    assertTrue(tail > 1.5 * (counts[3] + counts[4] + counts[5]), "temperature 2 tail " + tail);
  }

  @Test
  void sameSeedSameTokensOtherSeedOtherTokens() {
    float[] table = randomTable(5);
    TextGenerator a = new TextGenerator(new BigramLm(T, V, table, false));
    TextGenerator b = new TextGenerator(new BigramLm(T, V, table, false));
    Sampling s = Sampling.topK(4, 1.5);
    int[] first = a.generate(new int[] {2, 3}, 60, s, 99);
    assertArrayEquals(first, b.generate(new int[] {2, 3}, 60, s, 99));
    assertArrayEquals(first, a.generate(new int[] {2, 3}, 60, s, new Rng(99)));
    assertFalse(Arrays.equals(first, a.generate(new int[] {2, 3}, 60, s, 100)));
  }

  @Test
  void probabilitiesFromAFinalSoftmaxGiveTheSameChoicesAsLogits() {
    float[] table = randomTable(6);
    TextGenerator logits = new TextGenerator(new BigramLm(T, V, table, false));
    TextGenerator probs = new TextGenerator(new BigramLm(T, V, table, true));
    Sampling s = Sampling.topK(5, 0.9);
    assertArrayEquals(logits.generate(new int[] {1}, 80, s, 3), probs.generate(new int[] {1}, 80, s, 3));
  }

  @Test
  void badArgumentsAreRejectedWithTheValues() {
    TextGenerator gen = new TextGenerator(new BigramLm(T, V, randomTable(7), false));
    assertMessage("k must be at least 1, got 0", () -> Sampling.topK(0, 1.0));
    assertMessage("k must be at least 1, got -2", () -> Sampling.topK(-2, 1.0));
    assertMessage("temperature must be > 0 and finite, got 0.0", () -> Sampling.temperature(0));
    assertMessage("got -1.0", () -> Sampling.topK(3, -1));
    assertMessage("got NaN", () -> Sampling.temperature(Double.NaN));
    assertMessage("prompt token 7 at position 1 is out of range; expected an id in [0, 7)",
        () -> gen.generate(new int[] {0, 7}, 3, Sampling.greedy(), 0));
    assertMessage("prompt token -1 at position 0", () -> gen.generate(new int[] {-1}, 3, Sampling.greedy(), 0));
    assertMessage("at least one token, got an empty array", () -> gen.generate(new int[0], 3, Sampling.greedy(), 0));
    assertMessage("count must be >= 0, got -1", () -> gen.generate(new int[] {1}, -1, Sampling.greedy(), 0));
    assertMessage("k = 8 exceeds the vocabulary of 7", () -> gen.generate(new int[] {1}, 1, Sampling.topK(8, 1), 0));
    assertMessage("padId must be a token id in [0, 7), got 7", () -> new TextGenerator(new BigramLm(T, V,
        randomTable(7), false), 7));
    assertEquals(0, gen.generate(new int[] {1}, 0, Sampling.greedy(), 0).length);
  }

  @Test
  void rejectsModelsThatAreNotLanguageModels() {
    assertMessage("input (T) token ids and output (T, V)",
        () -> new TextGenerator(new SoftmaxRegression(4, 3, 1)));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), "message: " + e.getMessage());
  }
}
