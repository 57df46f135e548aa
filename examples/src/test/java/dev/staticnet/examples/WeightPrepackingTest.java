package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.GeneratedModel;
import dev.staticnet.Optimizer;
import dev.staticnet.Parameters;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Weight pre-packing in {@code predict} (the transformer's Linear and attention projections read
 * from panels packed once per parameter version): the same bits as packing on every call, and never
 * stale after a training step, a {@link Parameters#set} or a checkpoint-style reload.
 */
class WeightPrepackingTest {
  private static float[] tokens(int batch, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[batch * CharLm.CONTEXT];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(CharCorpus.VOCAB);
    }
    return x;
  }

  private static float[] predict(GeneratedModel m, float[] x, int batch, boolean prepack) {
    m.setWeightPrepacking(prepack);
    return m.predict(x, batch);
  }

  private static void assertSameEitherWay(GeneratedModel m, float[] x, int batch, String when) {
    float[] unpacked = predict(m, x, batch, false);
    assertArrayEquals(unpacked, predict(m, x, batch, true), when + ": pre-packed vs packed per call");
    assertArrayEquals(unpacked, predict(m, x, batch, true), when + ": pre-packed, second call");
  }

  @Test
  void prepackedPredictionsEqualUnpackedOnesAfterEveryKindOfChange() {
    GeneratedModel m = (GeneratedModel) CharLm.create(3);
    assertTrue(m.weightPrepacking(), "on by default");
    float[] x = tokens(2, 1);
    assertSameEitherWay(m, x, 2, "fresh model");
    assertSameEitherWay(m, tokens(1, 2), 1, "batch 1 (128 rows)");

    float[] before = predict(m, x, 2, true);
    int[] labels = new int[2 * CharLm.CONTEXT];
    Arrays.fill(labels, 7);
    m.trainStep(x, labels, 2, Optimizer.adam(1e-2f));
    float[] afterStep = predict(m, x, 2, true);
    assertFalse(Arrays.equals(before, afterStep), "a training step changes the prediction");
    assertSameEitherWay(m, x, 2, "after a training step");

    Parameters p = m.parameters();
    String head = "head.weight";
    float[] w = p.get(head);
    for (int i = 0; i < w.length; i++) {
      w[i] = -w[i];
    }
    p.set(head, w);
    assertFalse(Arrays.equals(afterStep, predict(m, x, 2, true)), "a new head changes the prediction");
    assertSameEitherWay(m, x, 2, "after Parameters.set");

    GeneratedModel copy = (GeneratedModel) CharLm.create(99); // reload every tensor from m
    predict(copy, x, 2, true); // packs copy's own initial weights first
    for (String name : p.names()) {
      copy.parameters().set(name, p.get(name));
    }
    assertArrayEquals(predict(m, x, 2, false), predict(copy, x, 2, true), "a reloaded model predicts the same");
  }

  @Test
  void manyThreadsPredictTheSameBits() throws Exception {
    GeneratedModel m = (GeneratedModel) CharLm.create(4);
    float[] x = tokens(1, 5);
    float[] expected = predict(m, x, 1, false);
    m.setWeightPrepacking(true);
    Thread[] threads = new Thread[4];
    float[][] got = new float[threads.length][];
    for (int t = 0; t < threads.length; t++) {
      int slot = t;
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 5; i++) {
          got[slot] = m.predict(x, 1);
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    for (float[] g : got) {
      assertArrayEquals(expected, g);
    }
    assertEquals(expected.length, got[0].length);
  }
}
