package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /** The seed draws the cell without biases: W_hx 4·3 + W_hh 4·4 + W_yh 2·4 = 36 weights. */
  @Test
  void seed001RnnDiagramHas36WeightsBesidePytorchsBiases() {
    Parameters p = new StaticNet_SequenceSeedNets_Seed001Rnn(1).parameters();
    int weights = 0;
    int biases = 0;
    for (String name : p.names()) {
      int size = java.util.Arrays.stream(p.shape(name)).reduce(1, (a, b) -> a * b);
      if (name.contains("weight")) {
        weights += size;
      } else {
        biases += size;
      }
    }
    assertEquals(36, weights, "the seed's W_hx, W_hh, W_yh");
    assertEquals(4 + 4 + 2, biases, "PyTorch's bias_ih_l0, bias_hh_l0 and the output bias");
  }

  /** Seed 001: 3·d_k·(d_model + 1)·h = 3·d_model·(d_model + 1) for d_model = 512, h = 8 (d_k = 64). */
  @Test
  void seed001AttentionBlockParameters() {
    int dModel = 512;
    int heads = 8;
    int dk = dModel / heads;
    assertEquals(3L * dk * (dModel + 1) * heads, StaticNet_SequenceSeedNets_Seed001AttentionBlock.PARAMETER_COUNT);
    assertEquals(787_968L, StaticNet_SequenceSeedNets_Seed001AttentionBlock.PARAMETER_COUNT);
    Parameters p = new StaticNet_SequenceSeedNets_Seed001AttentionBlock(1).parameters();
    assertEquals(List.of("attn.in_proj_weight", "attn.in_proj_bias"), p.names());
    assertArrayEquals(new int[] {3 * dModel, dModel}, p.shape("attn.in_proj_weight")); // W_q; W_k; W_v
  }

  /** A BERT-base encoder layer (d = 768, 12 heads, FFN 3072, post-norm) has 7,087,872 parameters. */
  @Test
  void bertBaseEncoderLayerParameters() {
    assertEquals(7_087_872L, StaticNet_SequenceSeedNets_BertBaseLayer.PARAMETER_COUNT);
    GeneratedModel bert = new StaticNet_SequenceSeedNets_BertBaseLayer(1);
    assertEquals(7_087_872L, bert.parameterCount());
    long sum = 0;
    for (dev.staticnet.Layer layer : bert.layers()) {
      sum += layer.parameterCount();
    }
    assertEquals(7_087_872L, sum, "per-step counts add up");
    assertEquals(2_362_368L, bert.layers().stream().filter(l -> l.name().equals("attention.attn")).findFirst()
        .orElseThrow().parameterCount(), "nn.MultiheadAttention(768, 12)");
    assertTrue(bert.summary().contains("7,087,872"), bert.summary());
    assertArrayEquals(new int[] {128, 768}, bert.outputShape().dims());
  }

  /**
   * Seed 004's "The red panda is cute." through a generated network: in_proj_weight holds
   * W_Qᵀ; W_Kᵀ; W_Vᵀ (PyTorch computes x·Wᵀ); "panda" attends [0.01, 0.8, 0.01, 0.01, 0.17] and
   * comes out as [0.8, 0.01, 0.17], every other word as the mean [0.2, 0.2, 0.2].
   */
  @Test
  void seed004RedPandaAttentionThroughAGeneratedNetwork() {
    GeneratedModel m = new StaticNet_SequenceSeedNets_RedPandaAttention(1);
    float s3 = (float) Math.sqrt(3);
    float[] inProj = {
        0, 1, 0, 0, 0, 0, 0, 0, 0,                                             // W_Qᵀ
        s3 * (float) Math.log(80), 0, s3 * (float) Math.log(17), 0, 0, 0, 0, 0, 0, // W_Kᵀ
        1, 0, 0, 0, 1, 0, 0, 0, 1};                                            // W_Vᵀ
    m.parameters().set("attn.in_proj_weight", inProj);
    float[] x = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1}; // The, red, panda, is, cute
    float[] y = m.predict(x, 1);
    for (int i = 0; i < 5; i++) {
      for (int c = 0; c < 3; c++) {
        double expected = i == 2 ? new double[] {0.8, 0.01, 0.17}[c] : 0.2;
        assertEquals(expected, y[i * 3 + c], 1e-6, "output[" + i + ", " + c + "]");
      }
    }
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
