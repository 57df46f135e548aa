package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.GeneratedModel;
import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.train.Sampling;
import dev.staticnet.train.TextGenerator;
import org.junit.jupiter.api.Test;

/** The runtime's {@link TextGenerator} on generated language models (causal transformer and LSTM). */
class TextGeneratorModelTest {
  private static final int V = SequenceLms.VOCAB;
  private static final int T = SequenceLms.CONTEXT;

  /** Greedy = the arg max of the last real position of predict() on the padded / sliding window. */
  @Test
  void greedyMatchesTheArgMaxOfPredictForATransformerAndAnLstm() {
    for (Model m : new Model[] {new StaticNet_SequenceLms_Gpt(3), new StaticNet_SequenceLms_LstmLm(4)}) {
      TextGenerator gen = new TextGenerator(m);
      int[] prompt = {3, 1, 4, 1, 5};
      int[] out = gen.generate(prompt, 2 * T, Sampling.greedy(), 0);
      int[] text = new int[prompt.length + out.length];
      System.arraycopy(prompt, 0, text, 0, prompt.length);
      System.arraycopy(out, 0, text, prompt.length, out.length);
      for (int n = prompt.length; n < text.length; n++) {
        int from = Math.max(0, n - T);
        float[] window = new float[T]; // pad id 0 after the text
        for (int t = 0; t < n - from; t++) {
          window[t] = text[from + t];
        }
        float[] logits = m.predict(window, 1);
        int row = (n - from - 1) * V;
        int best = 0;
        for (int v = 1; v < V; v++) {
          if (logits[row + v] > logits[row + best]) {
            best = v;
          }
        }
        assertEquals(best, text[n], m.getClass().getSimpleName() + " token " + n);
      }
    }
  }

  /** The causal mask keeps the padding out: any pad id gives the same greedy continuation. */
  @Test
  void thePadIdDoesNotMatterForACausalModel() {
    Model m = new StaticNet_SequenceLms_Gpt(5);
    int[] prompt = {7, 7, 2};
    assertArrayEquals(new TextGenerator(m, 0).generate(prompt, 10, Sampling.greedy(), 0),
        new TextGenerator(m, 13).generate(prompt, 10, Sampling.greedy(), 0));
  }

  /**
   * Trained on the cycle 0, 1, …, 9, 0, 1, … (windows at random phases), both models continue a
   * prompt with the cycle under greedy decoding and under top-2 sampling at a low temperature,
   * including after the window has slid past the prompt.
   */
  @Test
  void trainedModelsContinueTheCycleTheyLearnt() {
    for (Model m : new Model[] {new StaticNet_SequenceLms_Gpt(8), new StaticNet_SequenceLms_LstmLm(9)}) {
      Optimizer adam = Optimizer.adam(1e-2f);
      int batch = 8;
      float[] x = new float[batch * T];
      int[] y = new int[batch * T];
      java.util.SplittableRandom r = new java.util.SplittableRandom(1);
      float loss = Float.NaN;
      for (int step = 0; step < 150; step++) {
        for (int b = 0; b < batch; b++) {
          int phase = r.nextInt(10);
          for (int t = 0; t < T; t++) {
            x[b * T + t] = (phase + t) % 10;
            y[b * T + t] = (phase + t + 1) % 10;
          }
        }
        loss = m.trainStep(x, y, batch, adam);
      }
      String name = m.getClass().getSimpleName();
      assertTrue(loss < 0.05f, name + " final training loss " + loss);
      TextGenerator gen = new TextGenerator(m);
      int[] prompt = {4, 5, 6};
      int[] expected = new int[3 * T];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (7 + i) % 10;
      }
      assertArrayEquals(expected, gen.generate(prompt, expected.length, Sampling.greedy(), 0), name + " greedy");
      assertArrayEquals(expected, gen.generate(prompt, expected.length, Sampling.topK(2, 0.1), 1), name + " top-2");
    }
  }

  @Test
  void sameSeedSameSample() {
    GeneratedModel m = new StaticNet_SequenceLms_LstmLm(6);
    Sampling s = Sampling.topK(5, 1.0);
    int[] a = new TextGenerator(m).generate(new int[] {1, 2}, 50, s, 42);
    int[] b = new TextGenerator(m).generate(new int[] {1, 2}, 50, s, 42);
    assertArrayEquals(a, b);
  }
}
