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
      String pytorch = name.replace("attention.", "").replace("feedForward.", "");
      int k = pytorchOrder.indexOf(pytorch);
      float[] v = new float[m.parameters().get(name).length];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (0.05 * Math.sin(0.37 * i + 1.3 * k)); // as the PyTorch script fills its k-th tensor
      }
      m.parameters().set(name, v);
    }
    float[] x = new float[128 * 768];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.cos(0.05 * i);
    }
    float[] y = m.predict(x, 1);
    int[] at = {0, 767, 5000, 64 * 768 + 3, 128 * 768 - 1};
    float[] pytorch = {0.05626488849520683f, 0.08196796476840973f, 0.03310002014040947f, 0.0743272453546524f,
        0.08348501473665237f};
    for (int j = 0; j < at.length; j++) {
      assertEquals(pytorch[j], y[at[j]], 1e-5f, "output " + at[j]);
    }
    double absSum = 0;
    for (float v : y) {
      absSum += Math.abs(v);
    }
    assertEquals(4341.087890625, absSum, 4341.09 * 1e-5);
  }

  @Test
  void theReferenceQuotesTheseSummaries() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "layers.md"));
    for (Model m : List.of(LeNet5.create(1), new StaticNet_ReferenceNets_Seed001Cnn(1),
        new StaticNet_ReferenceNets_Lstm300x512x2(1), new StaticNet_ReferenceNets_BertBaseLayer(1))) {
      assertTrue(page.contains("```\n" + m.summary().strip() + "\n```"), "docs/layers.md lacks\n" + m.summary());
    }
  }

  private static List<Long> perLayer(Model m) {
    return m.layers().stream().map(l -> l.parameterCount()).toList();
  }
}
