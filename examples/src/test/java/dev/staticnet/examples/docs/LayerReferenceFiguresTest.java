package dev.staticnet.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Model;
import dev.staticnet.examples.LeNet5;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked parameter counts and summaries quoted in docs/layers.md. The expected counts are
 * PyTorch 1.13's {@code sum(p.numel() for p in module.parameters())} of the same module.
 */
class LayerReferenceFiguresTest {
  @Test
  void leNet5() {
    Model m = LeNet5.create(1);
    assertEquals(61_706, m.parameterCount());
    assertEquals(List.of(156L, 0L, 2_416L, 0L, 0L, 48_120L, 10_164L, 850L), perLayer(m));
  }

  @Test
  void seed001Cnn() {
    Model m = new StaticNet_ReferenceNets_Seed001Cnn(1);
    assertEquals(405_050, m.parameterCount());
    assertEquals(List.of(0L, 10_416L, 0L, 0L, 393_344L, 1_290L), perLayer(m));
    assertEquals("12x16x16", m.layers().get(2).outputShape().toString());
  }

  @Test
  void twoLayerLstmCountsAndNamesPerLayer() {
    Model m = new StaticNet_ReferenceNets_Lstm300x512x2(1);
    assertEquals(3_768_320, m.parameterCount());
    assertEquals(List.of(1_667_072L, 2_101_248L), perLayer(m));
    assertEquals(List.of("lstm1.weight_ih_l0", "lstm1.weight_hh_l0", "lstm1.bias_ih_l0", "lstm1.bias_hh_l0",
        "lstm2.weight_ih_l0", "lstm2.weight_hh_l0", "lstm2.bias_ih_l0", "lstm2.bias_hh_l0"), m.parameters().names());
  }

  /**
   * PyTorch's {@code nn.LSTM(300, 512, num_layers=2, batch_first=True)} output with the same weights
   * ({@code src/test/resources/docs/lstm_check.py}); PyTorch's layer l is step l + 1 here.
   */
  @Test
  void twoLayerLstmComputesWhatPyTorchsLstmComputes() {
    Model m = new StaticNet_ReferenceNets_Lstm300x512x2(1);
    List<String> pytorchOrder = List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l1",
        "weight_hh_l1", "bias_ih_l1", "bias_hh_l1");
    for (String name : m.parameters().names()) {
      String pytorch = name.startsWith("lstm2.") ? name.substring(6).replace("_l0", "_l1") : name.substring(6);
      fill(m, name, pytorchOrder.indexOf(pytorch));
    }
    float[] y = m.predict(cosines(35 * 300), 1); // (35, 512)
    assertMatches(y, new int[] {0, 511, 17 * 512 + 100, 35 * 512 - 1}, new float[] {0.04969096928834915f,
        -0.02347213216125965f, 0.09505204111337662f, 0.1846098005771637f}, 1906.121337890625);
  }

  @Test
  void gruAndAttention() {
    assertEquals(1_920, new StaticNet_ReferenceNets_Gru10x20(1).parameterCount());
    Model attn = new StaticNet_ReferenceNets_Attention512x8(1);
    assertEquals(1_050_624, attn.parameterCount());
    assertEquals(List.of("attn.in_proj_weight", "attn.in_proj_bias", "attn.out_proj.weight", "attn.out_proj.bias"),
        attn.parameters().names());
  }

  @Test
  void bertBaseEncoderLayer() {
    Model m = new StaticNet_ReferenceNets_BertBaseLayer(1);
    assertEquals(7_087_872, m.parameterCount());
    // PyTorch's names, with this network's block prefixes: attention.self_attn.* = self_attn.*, etc.
    assertEquals(List.of("attention.self_attn.in_proj_weight", "attention.self_attn.in_proj_bias",
        "attention.self_attn.out_proj.weight", "attention.self_attn.out_proj.bias", "norm1.weight", "norm1.bias",
        "feedForward.linear1.weight", "feedForward.linear1.bias", "feedForward.linear2.weight",
        "feedForward.linear2.bias", "norm2.weight", "norm2.bias"), m.parameters().names());
  }

  /**
   * Same weights, same output as PyTorch 1.13's {@code nn.TransformerEncoderLayer(768, 12, 3072,
   * activation="gelu", batch_first=True)} in eval mode ({@code src/test/resources/docs/bert_layer_check.py}),
   * loaded through the renaming layers.md describes.
   */
  @Test
  void bertBaseLayerComputesWhatPyTorchsLayerComputes() {
    Model m = new StaticNet_ReferenceNets_BertBaseLayer(1);
    List<String> pytorchOrder = List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias",
        "self_attn.out_proj.weight", "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight",
        "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias");
    for (String name : m.parameters().names()) {
      fill(m, name, pytorchOrder.indexOf(name.replace("attention.", "").replace("feedForward.", "")));
    }
    float[] y = m.predict(cosines(128 * 768), 1); // (128, 768)
    assertMatches(y, new int[] {0, 767, 5000, 64 * 768 + 3, 128 * 768 - 1}, new float[] {0.05626488849520683f,
        0.08196796476840973f, 0.03310002014040947f, 0.0743272453546524f, 0.08348501473665237f}, 4341.087890625);
  }

  @Test
  void theReferenceQuotesTheseSummaries() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "layers.md"));
    for (Model m : List.of(LeNet5.create(1), new StaticNet_ReferenceNets_Seed001Cnn(1),
        new StaticNet_ReferenceNets_Lstm300x512x2(1), new StaticNet_ReferenceNets_BertBaseLayer(1))) {
      assertTrue(page.contains("```\n" + m.summary().strip() + "\n```"), "docs/layers.md lacks\n" + m.summary());
    }
  }

  /** The tensor PyTorch lists k-th gets v[i] = 0.05 sin(0.37 i + 1.3 k), as the PyTorch scripts fill it. */
  private static void fill(Model m, String name, int k) {
    assertTrue(k >= 0, name + " has no PyTorch counterpart");
    float[] v = new float[m.parameters().get(name).length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (0.05 * Math.sin(0.37 * i + 1.3 * k));
    }
    m.parameters().set(name, v);
  }

  /** x[i] = cos(0.05 i), the PyTorch scripts' input. */
  private static float[] cosines(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.cos(0.05 * i);
    }
    return x;
  }

  /** A few outputs within 1e-5 and the sum of |y| within 1e-5 relative. */
  private static void assertMatches(float[] y, int[] at, float[] pytorch, double pytorchAbsSum) {
    for (int j = 0; j < at.length; j++) {
      assertEquals(pytorch[j], y[at[j]], 1e-5f, "output " + at[j]);
    }
    double absSum = 0;
    for (float v : y) {
      absSum += Math.abs(v);
    }
    assertEquals(pytorchAbsSum, absSum, pytorchAbsSum * 1e-5);
  }

  private static List<Long> perLayer(Model m) {
    return m.layers().stream().map(l -> l.parameterCount()).toList();
  }
}
