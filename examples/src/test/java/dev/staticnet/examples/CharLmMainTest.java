package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.GeneratedModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** CharLmMain's two validation figures on a small causal transformer (context 16, vocabulary 20). */
class CharLmMainTest {
  private static final int CONTEXT = SequenceLms.CONTEXT;

  private static byte[] text(int length, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] t = new byte[length];
    for (int i = 0; i < length; i++) {
      t[i] = (byte) r.nextInt(SequenceLms.VOCAB);
    }
    return t;
  }

  /** One window of text: both figures score the same characters, so they agree. */
  @Test
  void oneWindowGivesTheSameFigureBothWays() {
    GeneratedModel model = new StaticNet_SequenceLms_Gpt(3);
    byte[] text = text(CONTEXT + 1, 1);
    double independent = CharLmMain.validationBitsPerChar(model, text);
    assertEquals(independent, CharLmMain.slidingBitsPerChar(model, text), 1e-5);
    assertTrue(independent > 3 && independent < 6, "an untrained model is near log2(20) = 4.32: " + independent);
  }

  /**
   * Longer text: the sliding figure is the mean of the first window's CONTEXT characters and every
   * later window's last CONTEXT/2, recomputed here from the model's loss on single windows.
   */
  @Test
  void slidingWindowsScoreEachCharacterOnceWithHalfAContextOfHistory() {
    GeneratedModel model = new StaticNet_SequenceLms_Gpt(4);
    int stride = CONTEXT / 2;
    byte[] text = text(CONTEXT + 5 * stride + 3, 2); // 6 windows; the last 2 characters are never a target
    float[] ids = new float[CONTEXT];
    int[] next = new int[CONTEXT];
    double nats = 0;
    long scored = 0;
    for (int w = 0; w < 6; w++) {
      CharCorpus.window(text, 1, CONTEXT, null, w * stride, ids, next);
      float[] logits = model.predict(ids, 1);
      for (int t = w == 0 ? 0 : CONTEXT - stride; t < CONTEXT; t++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < SequenceLms.VOCAB; v++) {
          max = Math.max(max, logits[t * SequenceLms.VOCAB + v]);
        }
        double sum = 0;
        for (int v = 0; v < SequenceLms.VOCAB; v++) {
          sum += Math.exp(logits[t * SequenceLms.VOCAB + v] - max);
        }
        nats += Math.log(sum) + max - logits[t * SequenceLms.VOCAB + next[t]];
        scored++;
      }
    }
    assertEquals(CONTEXT + 5 * stride, scored);
    assertEquals(nats / scored / Math.log(2), CharLmMain.slidingBitsPerChar(model, text), 1e-6);
  }
}
