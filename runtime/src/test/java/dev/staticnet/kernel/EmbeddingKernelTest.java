package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.train.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EmbeddingKernelTest {
  private static final int VOCAB = 5;
  private static final int DIM = 3;
  private static final int OFF = 2; // weight (VOCAB, DIM) starts at params[2]

  private static float[] params() {
    float[] p = new float[OFF + VOCAB * DIM];
    for (int i = 0; i < VOCAB * DIM; i++) {
      p[OFF + i] = 10 * (i / DIM) + i % DIM; // row v = [10v, 10v + 1, 10v + 2]
    }
    return p;
  }

  @Test
  void forwardCopiesTheRowOfEachId() {
    float[] ids = {4, 0, 2, 2, 1, 3}; // (batch 2, steps 3)
    float[] y = new float[2 * 3 * DIM];
    EmbeddingKernel.forward(y, ids, params(), OFF, 2, 3, VOCAB, DIM);
    for (int r = 0; r < ids.length; r++) {
      int v = (int) ids[r];
      assertArrayEquals(new float[] {10 * v, 10 * v + 1, 10 * v + 2}, Arrays.copyOfRange(y, r * DIM, r * DIM + DIM));
    }
  }

  @Test
  void backwardScattersAndAccumulatesRepeatedIds() {
    float[] ids = {2, 0, 2, 2}; // (batch 2, steps 2): id 2 three times
    float[] dy = new float[4 * DIM];
    for (int i = 0; i < dy.length; i++) {
      dy[i] = i + 1;
    }
    float[] dp = new float[OFF + VOCAB * DIM];
    dp[OFF + 2 * DIM] = 100; // backward adds
    EmbeddingKernel.backward(dp, dy, ids, OFF, 2, 2, VOCAB, DIM);
    assertArrayEquals(new float[] {4, 5, 6}, Arrays.copyOfRange(dp, OFF, OFF + DIM));           // row 0: dy[1]
    assertArrayEquals(new float[] {100 + 1 + 7 + 10, 2 + 8 + 11, 3 + 9 + 12},
        Arrays.copyOfRange(dp, OFF + 2 * DIM, OFF + 3 * DIM));                                      // row 2: dy[0,2,3]
    assertEquals(0f, dp[OFF + DIM]);
    assertEquals(0f, dp[0]);
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    Rng rng = new Rng(3);
    float[] p = SeqGradientCheck.random(rng, OFF + VOCAB * DIM, 1f);
    float[] ids = {1, 4, 1, 0, 3, 3};
    float[] y = new float[ids.length * DIM];
    float[] r = SeqGradientCheck.random(rng, y.length, 1f);
    Runnable fwd = () -> EmbeddingKernel.forward(y, ids, p, OFF, 3, 2, VOCAB, DIM);
    fwd.run();
    float[] dp = new float[p.length];
    EmbeddingKernel.backward(dp, r, ids, OFF, 3, 2, VOCAB, DIM);
    SeqGradientCheck.check("embedding dW", p, dp, fwd, y, r, 1e-2, 1e-4);
  }

  @Test
  void idOutOfRangeNamesIdPositionAndVocabularyAndWritesNothing() {
    float[] ids = {0, 1, 2, 3, 4, 7}; // (batch 2, steps 3): sample 1, t 2 holds 7
    float[] y = new float[ids.length * DIM];
    Arrays.fill(y, -42f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EmbeddingKernel.forward(y, ids, params(), OFF, 2, 3, VOCAB, DIM));
    assertEquals("Embedding: token id 7 at (sample 1, t 2) is out of range for vocabulary size 5; "
        + "expected an integer in [0, 5)", e.getMessage());
    for (float v : y) {
      assertEquals(-42f, v, "output must be untouched");
    }
  }

  @Test
  void negativeAndFractionalIdsAreRejected() {
    float[] y = new float[2 * DIM];
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> EmbeddingKernel.forward(y, new float[] {-1, 0}, params(), OFF, 1, 2, VOCAB, DIM));
    assertTrue(negative.getMessage().contains("token id -1 at (sample 0, t 0)"), negative.getMessage());
    IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
        () -> EmbeddingKernel.forward(y, new float[] {0, 1.5f}, params(), OFF, 1, 2, VOCAB, DIM));
    assertTrue(fraction.getMessage().contains("token id 1.5 at (sample 0, t 1)"), fraction.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> EmbeddingKernel.forward(y, new float[] {Float.NaN, 1}, params(), OFF, 1, 2, VOCAB, DIM));
    assertTrue(nan.getMessage().contains("token id NaN"), nan.getMessage());
  }

  @Test
  void backwardAlsoRejectsBadIdsBeforeWriting() {
    float[] dp = new float[OFF + VOCAB * DIM];
    assertThrows(IllegalArgumentException.class,
        () -> EmbeddingKernel.backward(dp, new float[2 * DIM], new float[] {1, 5}, OFF, 1, 2, VOCAB, DIM));
    for (float v : dp) {
      assertEquals(0f, v);
    }
  }
}
