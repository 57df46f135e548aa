package dev.staticnet.examples.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.staticnet.Optimizer;
import org.junit.jupiter.api.Test;

/**
 * The "Run-time errors" of docs/shape-errors.md: what a sequence model throws when the batch does
 * not match its declaration, quoted exactly, and the weights left as they were.
 */
class RuntimeErrorGalleryTest {
  private static final int BATCH = 4;
  private static final int T = 16;

  private final TokenClassifier model = new StaticNet_TokenClassifier(7);

  @Test
  void oneLabelPerSampleForAPerPositionLoss() {
    float[] before = model.parameters().get("head.weight");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.trainStep(ids(), new int[BATCH], BATCH, Optimizer.sgd(0.1f)));
    assertEquals("dev.staticnet.examples.docs.TokenClassifier: labels needs 64 class indices (batch 4 x 16 "
        + "positions), got 4", e.getMessage());
    assertArrayEquals(before, model.parameters().get("head.weight"));
  }

  @Test
  void aSequenceOfAnotherLength() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.predict(new float[BATCH * 20], BATCH));
    assertEquals("dev.staticnet.examples.docs.TokenClassifier: input needs 64 floats (batch 4 x 16), got 80",
        e.getMessage());
  }

  @Test
  void aTokenIdOutsideTheVocabulary() {
    float[] ids = ids();
    ids[T + 3] = 100;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(ids, BATCH));
    assertEquals("Embedding: token id 100 at (sample 1, t 3) is out of range for vocabulary size 100; "
        + "expected an integer in [0, 100)", e.getMessage());
  }

  private static float[] ids() {
    float[] ids = new float[BATCH * T];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 7) % 100;
    }
    return ids;
  }
}
