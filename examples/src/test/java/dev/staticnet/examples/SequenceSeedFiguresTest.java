package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.staticnet.GeneratedModel;
import dev.staticnet.Parameters;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The course seeds' sequence figures, computed through generated networks. */
class SequenceSeedFiguresTest {
  private static final float U = 0.5f;

  /**
   * Seed 004: for h_t = ReLU(w·h_{t−1} + u·x_t) with every h_t > 0, ∂h_T/∂h_1 = w^(T−1). The
   * generated backward pass gives it: with targets equal to h_t for t &lt; T, the MSE loss's
   * gradient reaches x_1 only through h_T, so dL/dx_1 = dL/dh_T · ∂h_T/∂h_1 · u.
   */
  @ParameterizedTest
  @CsvSource({"3, 0.3", "3, 3", "20, 0.3", "20, 3"})
  void scalarReluRnnGradientThroughTimeIsAPowerOfW(int steps, float w) {
    GeneratedModel rnn = steps == 3 ? new StaticNet_SequenceSeedNets_ScalarRnn3(1)
        : new StaticNet_SequenceSeedNets_ScalarRnn20(1);
    Parameters p = rnn.parameters();
    p.set("rnn.weight_ih_l0", new float[] {U});
    p.set("rnn.weight_hh_l0", new float[] {w});
    p.set("rnn.bias_ih_l0", new float[] {0});
    p.set("rnn.bias_hh_l0", new float[] {0});
    float[] x = new float[steps];
    x[0] = 1; // h_1 = ReLU(u) = 0.5, then h_t = w^(t−1)·0.5
    float[] h = rnn.predict(x, 1);
    for (int t = 0; t < steps; t++) {
      assertEquals(U * Math.pow(w, t), h[t], 1e-5 * U * Math.pow(w, t), "h_" + (t + 1));
    }
    float[] targets = h.clone();
    targets[steps - 1] = h[steps - 1] * 0.5f;
    rnn.gradients(x, null, targets, 1, true);
    double dLossDhT = 2 * ((double) h[steps - 1] - targets[steps - 1]) / steps;
    double dhTdh1 = rnn.inputGradient()[0] / (dLossDhT * U);
    double expected = Math.pow(w, steps - 1);
    assertEquals(expected, dhTdh1, 1e-4 * expected, "dh" + steps + "/dh1 for w = " + w);
  }

  /**
   * Seed 004: along the cell path c_t = f ⊙ c_{t−1} + i ⊙ g, ∂c20/∂c1 = f¹⁹ = 0.99¹⁹ ≈ 0.826 when
   * f = 0.99 (the gradient does not vanish). Set up so that only x_1 writes into the cell (g_t =
   * tanh(W_ig·x_t) = 0 after it) and no gate reads x or h: then dh20/dx_1 = o·(1 − tanh²c20) ·
   * ∂c20/∂c1 · i·(1 − g_1²)·W_ig, read from the generated backward pass as in the RNN test.
   */
  @Test
  void lstmCellPathKeepsTheGradient() {
    int steps = 20;
    GeneratedModel lstm = new StaticNet_SequenceSeedNets_ScalarLstm20(1);
    Parameters p = lstm.parameters();
    float forgetBias = (float) Math.log(0.99 / 0.01); // σ(b_f) = 0.99
    p.set("lstm.weight_ih_l0", new float[] {0, 0, 1, 0}); // gates i, f, g, o: only g reads x
    p.set("lstm.weight_hh_l0", new float[4]);
    p.set("lstm.bias_ih_l0", new float[] {0, forgetBias, 0, 0}); // i = o = σ(0) = 0.5
    p.set("lstm.bias_hh_l0", new float[4]);
    float[] x = new float[steps];
    x[0] = 1;
    double f = 1 / (1 + Math.exp(-forgetBias));
    double g1 = Math.tanh(1);
    double c1 = 0.5 * g1;
    double cT = Math.pow(f, steps - 1) * c1;
    float[] h = lstm.predict(x, 1);
    assertEquals(0.5 * Math.tanh(cT), h[steps - 1], 1e-6, "h20 = o·tanh(f¹⁹·c1)");
    float[] targets = h.clone();
    targets[steps - 1] = h[steps - 1] * 0.5f;
    lstm.gradients(x, null, targets, 1, true);
    double dLossDhT = 2 * ((double) h[steps - 1] - targets[steps - 1]) / steps;
    double dcTdc1 = lstm.inputGradient()[0]
        / (dLossDhT * 0.5 * (1 - Math.tanh(cT) * Math.tanh(cT)) * 0.5 * (1 - g1 * g1));
    assertEquals(Math.pow(0.99, 19), dcTdc1, 1e-4, "dc20/dc1 = 0.99^19");
    assertEquals(0.8262, dcTdc1, 1e-4);
  }

  @Test
  void pytorchParameterCounts() {
    assertEquals(3_768_320L, StaticNet_SequenceSeedNets_TwoLayerLstm512.PARAMETER_COUNT); // nn.LSTM(300, 512, 2)
    assertEquals(1_920L, StaticNet_SequenceSeedNets_Gru20.PARAMETER_COUNT); // nn.GRU(10, 20)
    assertEquals(1_050_624L, StaticNet_SequenceSeedNets_Attention512x8.PARAMETER_COUNT); // nn.MultiheadAttention(512, 8)
    assertEquals(1_050_624L, new StaticNet_SequenceSeedNets_Attention512x8(1).parameterCount());
  }

  @Test
  void seed001RnnDiagramDeclaredAndCounted() {
    GeneratedModel m = new StaticNet_SequenceSeedNets_Seed001Rnn(1);
    assertEquals(46L, StaticNet_SequenceSeedNets_Seed001Rnn.PARAMETER_COUNT);
    Parameters p = m.parameters();
    assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "out.weight",
        "out.bias"), p.names());
    assertArrayEquals(new int[] {4, 3}, p.shape("rnn.weight_ih_l0")); // W_xh: x ∈ R³ → h ∈ R⁴
    assertArrayEquals(new int[] {4, 4}, p.shape("rnn.weight_hh_l0")); // W_hh
    assertArrayEquals(new int[] {2, 4}, p.shape("out.weight")); // W_hy: h → y ∈ R²
    assertArrayEquals(new int[] {6, 2}, m.outputShape().dims()); // y_t at each of the 6 steps
  }

  @Test
  void initialisationFollowsPytorch() {
    GeneratedModel lstm = new StaticNet_SequenceSeedNets_TwoLayerLstm512(3);
    double recurrentBound = 1 / Math.sqrt(512);
    for (String name : lstm.parameters().names()) {
      assertBound(lstm.parameters().get(name), recurrentBound, name);
    }
    GeneratedModel mha = new StaticNet_SequenceSeedNets_Attention512x8(4);
    Parameters p = mha.parameters();
    assertBound(p.get("attn.in_proj_weight"), Math.sqrt(6.0 / (512 + 3 * 512)), "in_proj_weight (Xavier-uniform)");
    assertBound(p.get("attn.out_proj.weight"), 1 / Math.sqrt(512), "out_proj.weight (as Linear)");
    assertArrayEquals(new float[3 * 512], p.get("attn.in_proj_bias"));
    assertArrayEquals(new float[512], p.get("attn.out_proj.bias"));

    GeneratedModel gpt = new StaticNet_SequenceNets_TinyGpt(5);
    assertEquals(1.0, std(gpt.parameters().get("embed.weight")), 0.2, "Embedding ~ N(0, 1)");
    assertEquals(0.02, std(gpt.parameters().get("pos.weight")), 0.006, "PositionalEmbedding ~ N(0, 0.02)");
  }

  /** All values within ±bound, and some near it (a uniform draw of many values reaches 98% of it). */
  private static void assertBound(float[] values, double bound, String what) {
    double max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v));
    }
    assertEquals(0.99 * bound, max, 0.01 * bound + 1e-7, what + ": max |value| vs bound " + bound);
  }

  private static double std(float[] values) {
    double sum = 0;
    double squares = 0;
    for (float v : values) {
      sum += v;
      squares += (double) v * v;
    }
    double mean = sum / values.length;
    return Math.sqrt(squares / values.length - mean * mean);
  }
}
