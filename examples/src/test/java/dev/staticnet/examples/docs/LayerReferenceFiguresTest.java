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
