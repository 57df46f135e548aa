package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.GeneratedModel;
import dev.staticnet.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Networks on token ids: bad ids, no input gradient, causality, and a tiny language model that learns. */
class TokenInputTest {
  @Test
  void outOfRangeIdNamesIdPositionAndVocabularyAndLeavesTheModelUnchanged() {
    GeneratedModel m = new StaticNet_SequenceNets_TokenTagger(1);
    Optimizer adam = Optimizer.adam(0.1f);
    float[] ids = SequenceGradientCheckTest.ids(2 * 5, 7, 2);
    int[] labels = TestData.labels(2 * 5, 7, 3);
    m.trainStep(ids, labels, 2, adam); // a first step, so the optimizer has state
    List<float[]> before = snapshot(m);
    for (float bad : new float[] {7f, -1f, 2.5f}) {
      float[] badIds = ids.clone();
      badIds[5 + 2] = bad; // sample 1, t 2
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.trainStep(badIds, labels, 2, adam));
      String message = e.getMessage();
      String id = bad == 2.5f ? "2.5" : Integer.toString((int) bad);
      assertTrue(message.contains("token id " + id) && message.contains("sample 1") && message.contains("t 2")
          && message.contains("vocabulary size 7"), message);
      assertThrows(IllegalArgumentException.class, () -> m.predict(badIds, 2));
      List<float[]> after = snapshot(m);
      for (int i = 0; i < before.size(); i++) {
        assertArrayEquals(before.get(i), after.get(i), m.parameters().names().get(i) + " changed");
      }
    }
  }

  @Test
  void tokenIdsHaveNoInputGradient() {
    GeneratedModel m = new StaticNet_SequenceNets_TokenTagger(1);
    float[] ids = SequenceGradientCheckTest.ids(5, 7, 4);
    m.gradients(ids, TestData.labels(5, 7, 5), null, 1, true);
    IllegalStateException e = assertThrows(IllegalStateException.class, m::inputGradient);
    assertTrue(e.getMessage().contains("token ids"), e.getMessage());
  }

  @Test
  void causalTransformerDoesNotLookAhead() {
    GeneratedModel gpt = new StaticNet_SequenceNets_TinyGpt(6);
    float[] a = {1, 2, 3, 4, 5, 6};
    float[] b = {1, 2, 3, 4, 5, 9}; // differs at the last position only
    float[] ya = gpt.predict(a, 1);
    float[] yb = gpt.predict(b, 1);
    int prefix = 5 * 11;
    assertArrayEquals(Arrays.copyOf(ya, prefix), Arrays.copyOf(yb, prefix));
    assertTrue(ya[prefix] != yb[prefix], "the last position sees its own token");
  }

  @Test
  void tinyLanguageModelLearnsToCount() {
    // Sequences k, k+1, ... (mod 11); the label at each position is the next token.
    GeneratedModel gpt = new StaticNet_SequenceNets_TinyGpt(7);
    Optimizer adam = Optimizer.adam(0.01f);
    SplittableRandom r = new SplittableRandom(8);
    int batch = 8;
    float first = 0;
    float last = 0;
    for (int step = 0; step < 80; step++) {
      float[] ids = new float[batch * 6];
      int[] next = new int[batch * 6];
      for (int b = 0; b < batch; b++) {
        int k = r.nextInt(11);
        for (int t = 0; t < 6; t++) {
          ids[b * 6 + t] = (k + t) % 11;
          next[b * 6 + t] = (k + t + 1) % 11;
        }
      }
      float loss = gpt.trainStep(ids, next, batch, adam);
      if (step == 0) {
        first = loss;
      }
      last = loss;
    }
    assertEquals(Math.log(11), first, 0.5, "first loss near ln(vocab)");
    assertTrue(last < 0.3f * first, "loss " + first + " -> " + last);
  }

  private static List<float[]> snapshot(GeneratedModel m) {
    List<float[]> values = new ArrayList<>();
    for (String name : m.parameters().names()) {
      values.add(m.parameters().get(name));
    }
    return values;
  }
}
