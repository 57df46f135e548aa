package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.staticnet.Model;
import org.junit.jupiter.api.Test;

/** Every generated sequence step kind and variant, and two whole sequence networks, against central differences. */
class SequenceGradientCheckTest {
  private static final int BATCH = 3;

  private static int checkMse(Model model) {
    float[] x = TestData.uniform(BATCH * model.inputShape().size(), 21);
    float[] y = TestData.uniform(BATCH * model.outputShape().size(), 22);
    return GradientCheck.check(model, x, null, y, BATCH, true);
  }

  /** Token ids in [0, vocab) as floats. */
  static float[] ids(int n, int vocab, long seed) {
    int[] ids = TestData.labels(n, vocab, seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = ids[i];
    }
    return x;
  }

  @Test
  void embeddingAndPositionalEmbeddingWithCrossEntropyPerPosition() {
    Model m = new StaticNet_SequenceNets_TokenTagger(1);
    int[] labels = TestData.labels(BATCH * 5, 7, 23);
    int checked = GradientCheck.checkTensors(m, ids(BATCH * 5, 7, 24), labels, null, BATCH, true);
    assertEquals(7 * 4 + 5 * 4 + 4 * 7 + 7, checked);
  }

  @Test
  void stackedRnnTanhThenRelu() {
    // rnn1 (4x3 + 4x4 + 4 + 4) + rnn2 (3x4 + 3x3 + 3 + 3) + out (2x3 + 2) + input (batch x 5x3)
    assertEquals(36 + 27 + 8 + BATCH * 15, checkMse(new StaticNet_SequenceNets_StackedRnn(2)));
  }

  @Test
  void rnnReturningSequences() {
    assertEquals(9 + 9 + 3 + 3 + BATCH * 12, checkMse(new StaticNet_SequenceNets_RnnSequence(3)));
  }

  @Test
  void twoLayerLstmClassifier() {
    Model m = new StaticNet_SequenceNets_LstmClassifier(4);
    float[] x = TestData.uniform(BATCH * 15, 25);
    int[] labels = TestData.labels(BATCH, 3, 26);
    // lstm1 16x3 + 16x4 + 16 + 16, lstm2 12x4 + 12x3 + 12 + 12, out 3x3 + 3, input batch x 5x3
    assertEquals(144 + 108 + 12 + BATCH * 15, GradientCheck.check(m, x, labels, null, BATCH, true));
  }

  @Test
  void lstmReturningSequences() {
    assertEquals(36 + 36 + 12 + 12 + BATCH * 12, checkMse(new StaticNet_SequenceNets_LstmSequence(5)));
  }

  @Test
  void stackedGru() {
    // gru1 12x3 + 12x4 + 12 + 12, gru2 9x4 + 9x3 + 9 + 9, out 2x3 + 2, input batch x 5x3
    assertEquals(108 + 81 + 8 + BATCH * 15, checkMse(new StaticNet_SequenceNets_StackedGru(6)));
  }

  @Test
  void gruReturningSequences() {
    assertEquals(27 + 27 + 9 + 9 + BATCH * 12, checkMse(new StaticNet_SequenceNets_GruSequence(7)));
  }

  @Test
  void attentionVariants() {
    // in_proj 24x8 + 24, out_proj 8x8 + 8, input batch x 5x8
    assertEquals(192 + 24 + 64 + 8 + BATCH * 40, checkMse(new StaticNet_SequenceNets_CausalAttention(8)));
    assertEquals(192 + 64 + BATCH * 40, checkMse(new StaticNet_SequenceNets_AttentionNoBias(9)));
    assertEquals(192 + 24 + BATCH * 40, checkMse(new StaticNet_SequenceNets_AttentionNoOutProjection(10)));
  }

  @Test
  void sequencePoolModes() {
    // fc 4x4 + 4, out 2x4 + 2, input batch x 5x4
    for (Model m : new Model[] {new StaticNet_SequenceNets_PoolMean(11), new StaticNet_SequenceNets_PoolLast(12),
        new StaticNet_SequenceNets_PoolFirst(13), new StaticNet_SequenceNets_PoolMax(14)}) {
      assertEquals(20 + 10 + BATCH * 20, checkMse(m), m.getClass().getSimpleName());
    }
  }

  @Test
  void twoBlockCausalTransformerLanguageModel() {
    Model m = new StaticNet_SequenceNets_TinyGpt(15);
    float[] tokens = ids(BATCH * 6, 11, 27);
    int[] next = TestData.labels(BATCH * 6, 11, 28);
    int checked = GradientCheck.checkTensors(m, tokens, next, null, BATCH, true);
    assertEquals(m.parameterCount(), checked);
  }
}
