package dev.staticnet.examples.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Model;
import dev.staticnet.Parameters;
import dev.staticnet.examples.LeNet5;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/from-pytorch.md true: the Java interfaces it shows compile, have PyTorch's parameter
 * count and state_dict (names, shapes, order, as printed by PyTorch 1.13 for the guide's modules),
 * and compute what the PyTorch modules compute. The expected outputs come from running the guide's
 * PyTorch code (torch 1.13.1, {@code src/test/resources/docs/from_pytorch_check.py}) with every tensor
 * filled by {@link #fill}: same weights, same logits.
 */
class FromPytorchGuideTest {
  /** {@code for k, v in model.state_dict().items(): print(k, tuple(v.shape))} for the guide's TinyGpt. */
  private static final List<String> TINY_GPT_STATE_DICT = List.of(
      "embed.weight (65, 64)", "pos.weight (32, 64)",
      "blocks.0.attn.norm.weight (64,)", "blocks.0.attn.norm.bias (64,)",
      "blocks.0.attn.attn.in_proj_weight (192, 64)", "blocks.0.attn.attn.in_proj_bias (192,)",
      "blocks.0.attn.attn.out_proj.weight (64, 64)", "blocks.0.attn.attn.out_proj.bias (64,)",
      "blocks.0.ffn.norm.weight (64,)", "blocks.0.ffn.norm.bias (64,)",
      "blocks.0.ffn.fc1.weight (256, 64)", "blocks.0.ffn.fc1.bias (256,)",
      "blocks.0.ffn.fc2.weight (64, 256)", "blocks.0.ffn.fc2.bias (64,)",
      "blocks.1.attn.norm.weight (64,)", "blocks.1.attn.norm.bias (64,)",
      "blocks.1.attn.attn.in_proj_weight (192, 64)", "blocks.1.attn.attn.in_proj_bias (192,)",
      "blocks.1.attn.attn.out_proj.weight (64, 64)", "blocks.1.attn.attn.out_proj.bias (64,)",
      "blocks.1.ffn.norm.weight (64,)", "blocks.1.ffn.norm.bias (64,)",
      "blocks.1.ffn.fc1.weight (256, 64)", "blocks.1.ffn.fc1.bias (256,)",
      "blocks.1.ffn.fc2.weight (64, 256)", "blocks.1.ffn.fc2.bias (64,)",
      "norm.weight (64,)", "norm.bias (64,)", "head.weight (65, 64)", "head.bias (65,)");

  private static final List<String> LENET5_STATE_DICT = List.of(
      "c1.weight (6, 1, 5, 5)", "c1.bias (6,)", "c3.weight (16, 6, 5, 5)", "c3.bias (16,)",
      "f5.weight (120, 400)", "f5.bias (120,)", "f6.weight (84, 120)", "f6.bias (84,)",
      "out.weight (10, 84)", "out.bias (10,)");

  @Test
  void tinyGptHasPyTorchsParameterCountAndStateDict() {
    TinyGpt gpt = TinyGpt.create(1);
    assertEquals(110_529, gpt.parameterCount());
    assertEquals(TINY_GPT_STATE_DICT, stateDict(gpt));
  }

  @Test
  void tinyGptComputesWhatThePyTorchModuleComputes() {
    TinyGpt gpt = TinyGpt.create(1);
    fill(gpt);
    float[] ids = new float[2 * TinyGpt.CONTEXT];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 7 + 3) % TinyGpt.VOCAB;
    }
    float[] logits = gpt.predict(ids, 2); // (2, 32, 65)
    int[] at = {0, 64, 31 * 65 + 5, 32 * 65 + 7, 2 * 32 * 65 - 1};
    float[] pytorch = {0.11184928566217422f, -0.3531794548034668f, 0.40793392062187195f, -0.23231303691864014f,
        -0.3540579676628113f};
    for (int j = 0; j < at.length; j++) {
      assertEquals(pytorch[j], logits[at[j]], 1e-5f, "logit " + at[j]);
    }
  }

  @Test
  void leNet5HasPyTorchsParameterCountAndStateDict() {
    LeNet5 net = LeNet5.create(1);
    assertEquals(61_706, net.parameterCount());
    assertEquals(LENET5_STATE_DICT, stateDict(net));
  }

  @Test
  void leNet5ComputesWhatThePyTorchModuleComputes() {
    LeNet5 net = LeNet5.create(1);
    fill(net);
    float[] images = new float[2 * 784];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) Math.cos(0.05 * i);
    }
    float[] pytorch = {0.7850291728973389f, 0.6358922123908997f, 0.4167909622192383f, 0.15139420330524445f,
        -0.1314956396818161f, -0.40104180574417114f, -0.6277167797088623f, -0.7865200638771057f,
        -0.8597264289855957f, -0.8388659358024597f, 0.8003725409507751f, 0.6422879099845886f,
        0.41352325677871704f, 0.138828843832016f, -0.1519540697336197f, -0.4271063804626465f,
        -0.6564738750457764f, -0.8147543668746948f, -0.8842825889587402f, -0.8569980263710022f};
    assertArrayEquals(pytorch, net.predict(images, 2), 1e-5f);
  }

  @Test
  void theGuideQuotesTheseDeclarationsAndThePyTorchCode() throws IOException {
    String guide = Files.readString(Path.of("..", "docs", "from-pytorch.md"));
    for (Path java : List.of(Path.of("src/test/java/dev/staticnet/examples/docs/TinyGpt.java"),
        Path.of("src/main/java/dev/staticnet/examples/LeNet5.java"))) {
      String source = Files.readString(java);
      assertTrue(guide.contains("```java\n" + source.substring(source.indexOf("@Network")) + "```"),
          "docs/from-pytorch.md does not quote " + java);
    }
    for (String python : List.of("tinygpt.py", "lenet5.py")) {
      String source = Files.readString(Path.of("src/test/resources/docs", python));
      assertTrue(guide.contains("```python\n" + source + "```"), "docs/from-pytorch.md does not quote " + python);
    }
  }

  /** The k-th state_dict tensor gets v[i] = 0.1 sin(0.37 i + 1.3 k), in float32 (the PyTorch side does the same). */
  private static void fill(Model model) {
    Parameters p = model.parameters();
    List<String> names = p.names();
    for (int k = 0; k < names.size(); k++) {
      float[] v = new float[p.get(names.get(k)).length];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (0.1 * Math.sin(0.37 * i + 1.3 * k));
      }
      p.set(names.get(k), v);
    }
  }

  /** {@code name (d0, d1)} in PyTorch's tuple notation. */
  private static List<String> stateDict(Model model) {
    List<String> out = new ArrayList<>();
    for (String name : model.parameters().names()) {
      int[] shape = model.parameters().shape(name);
      StringBuilder b = new StringBuilder(name).append(" (");
      for (int i = 0; i < shape.length; i++) {
        b.append(i > 0 ? ", " : "").append(shape[i]);
      }
      out.add(b.append(shape.length == 1 ? ",)" : ")").toString());
    }
    return out;
  }
}
