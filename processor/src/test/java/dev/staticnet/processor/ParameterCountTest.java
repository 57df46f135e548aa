package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.staticnet.processor.Fixtures.write;
import static dev.staticnet.processor.Fixtures.layerOutput;
import static dev.staticnet.processor.Fixtures.layerParameters;
import static dev.staticnet.processor.Fixtures.parameters;
import static dev.staticnet.processor.Fixtures.source;

import org.junit.jupiter.api.Test;

/** Known parameter counts and shapes, read from the JSON summaries. */
class ParameterCountTest {
  @Test
  void seedMlp2_1024_512_3() {
    Fixtures.Written c = write(source("Mlp", """
        @Network(input = 2, loss = Loss.CROSS_ENTROPY, params = 529_411)
        public interface Mlp extends Model {
          @Linear(out = 1024, activation = Activation.SIGMOID) Layer h1();
          @Linear(out = 512, activation = Activation.SIGMOID) Layer h2();
          @Linear(out = 3) Layer out();
        }
        """));
    assertThat(c.realErrors()).isEmpty();
    String json = c.json("Mlp");
    assertThat(parameters(json)).isEqualTo(529_411);
    assertThat(json).startsWith("{\"network\": \"test.Mlp\", \"input\": [2], \"output\": [3],");
    assertThat(layerParameters(json, "h1")).isEqualTo(1024 * 2 + 1024);
    assertThat(layerOutput(json, "h2")).isEqualTo("[512]");
  }

  @Test
  void twoLayerNet784_500_10() {
    Fixtures.Written c = write(source("TwoLayerNet", """
        @Network(input = 784, loss = Loss.CROSS_ENTROPY)
        public interface TwoLayerNet extends Model {
          @Linear(out = 500) Layer fc1();
          @ReLU Layer relu();
          @Dropout(p = 0.2) Layer drop();
          @Linear(out = 10) Layer fc2();
        }
        """));
    assertThat(c.realErrors()).isEmpty();
    assertThat(parameters(c.json("TwoLayerNet"))).isEqualTo(397_510);
  }

  @Test
  void leNet5() {
    Fixtures.Written c = write(source("LeNet5", """
        @Network(input = {1, 28, 28}, loss = Loss.CROSS_ENTROPY, params = 61_706)
        public interface LeNet5 extends Model {
          @Conv2d(out = 6, kernel = 5, padding = 2, activation = Activation.TANH) Layer c1();
          @AvgPool2d(kernel = 2) Layer s2();
          @Conv2d(out = 16, kernel = 5, activation = Activation.TANH) Layer c3();
          @AvgPool2d(kernel = 2) @ExpectShape({16, 5, 5}) Layer s4();
          @Flatten Layer flat();
          @Linear(out = 120, activation = Activation.TANH) Layer f5();
          @Linear(out = 84, activation = Activation.TANH) Layer f6();
          @Linear(out = 10) Layer out();
        }
        """));
    assertThat(c.realErrors()).isEmpty();
    String json = c.json("LeNet5");
    assertThat(parameters(json)).isEqualTo(61_706);
    assertThat(layerOutput(json, "c1")).isEqualTo("[6,28,28]");
    assertThat(layerParameters(json, "c1")).isEqualTo(156);
    assertThat(layerOutput(json, "s2")).isEqualTo("[6,14,14]");
    assertThat(layerOutput(json, "c3")).isEqualTo("[16,10,10]");
    assertThat(layerParameters(json, "c3")).isEqualTo(2_416);
    assertThat(layerOutput(json, "flat")).isEqualTo("[400]");
    assertThat(layerParameters(json, "f5")).isEqualTo(48_120);
  }

  @Test
  void seed001Cnn() {
    // 3@128x128 -> maxpool 2 -> conv 17x17, 12 out -> maxpool 3 -> flatten -> fc 128 ReLU -> fc 10 softmax
    Fixtures.Written c = write(source("Seed001", """
        @Network(input = {3, 128, 128}, params = 405_050)
        public interface Seed001 extends Model {
          @MaxPool2d(kernel = 2) Layer maxpool1();
          @Conv2d(out = 12, kernel = 17) Layer conv();
          @MaxPool2d(kernel = 3) Layer maxpool2();
          @Flatten Layer flatten();
          @Linear(out = 128, activation = Activation.RELU) Layer fc1();
          @Linear(out = 10) Layer fc2();
          @Softmax Layer softmax();
        }
        """));
    assertThat(c.realErrors()).isEmpty();
    String json = c.json("Seed001");
    assertThat(parameters(json)).isEqualTo(405_050);
    assertThat(layerOutput(json, "maxpool1")).isEqualTo("[3,64,64]");
    assertThat(layerOutput(json, "conv")).isEqualTo("[12,48,48]");
    assertThat(layerParameters(json, "conv")).isEqualTo(10_416);
    assertThat(layerOutput(json, "maxpool2")).isEqualTo("[12,16,16]");
    assertThat(layerOutput(json, "flatten")).isEqualTo("[3072]");
  }

  @Test
  void seed002AlexNetFirstConvAndFloorDivision() {
    Fixtures.Written c = write(
        source("AlexConv", """
            @Network(input = {3, 227, 227})
            public interface AlexConv extends Model {
              @Conv2d(out = 96, kernel = 11, stride = 4) Layer conv1();
            }
            """),
        source("NineByThirteen", """
            @Network(input = {1, 9, 13})
            public interface NineByThirteen extends Model {
              @Conv2d(out = 1, kernel = 3, stride = 2, padding = 1) Layer conv();
            }
            """));
    assertThat(c.realErrors()).isEmpty();
    assertThat(parameters(c.json("AlexConv"))).isEqualTo(34_944);
    assertThat(layerOutput(c.json("AlexConv"), "conv1")).isEqualTo("[96,55,55]");
    assertThat(layerOutput(c.json("NineByThirteen"), "conv")).isEqualTo("[1,5,7]");
  }

  @Test
  void nonSquareConvWithDilationAndGroups() {
    Fixtures.Written c = write(source("Odd", """
        @Network(input = {4, 20, 30})
        public interface Odd extends Model {
          @Conv2d(out = 8, kernel = {3, 5}, stride = {1, 2}, padding = {1, 0}, dilation = {2, 1}, groups = 2) Layer conv();
          @MaxPool2d(kernel = {2, 3}, stride = 1, padding = {1, 1}) Layer pool();
          @BatchNorm Layer bn();
          @GlobalAvgPool Layer gap();
        }
        """));
    assertThat(c.realErrors()).isEmpty();
    String json = c.json("Odd");
    // H: (20 + 2 - 2*2 - 1)/1 + 1 = 18; W: (30 - 4 - 1)/2 + 1 = 13
    assertThat(layerOutput(json, "conv")).isEqualTo("[8,18,13]");
    assertThat(layerParameters(json, "conv")).isEqualTo(8 * 2 * 3 * 5 + 8);
    // H: (18 + 2 - 2)/1 + 1 = 19; W: (13 + 2 - 3)/1 + 1 = 13
    assertThat(layerOutput(json, "pool")).isEqualTo("[8,19,13]");
    assertThat(layerParameters(json, "bn")).isEqualTo(16);
    assertThat(layerOutput(json, "gap")).isEqualTo("[8]");
  }

  @Test
  void stackedLstmAsPyTorchTwoLayers() {
    // nn.LSTM(300, 512, num_layers=2): layer 0 4(512*300 + 512*512 + 2*512), layer 1 4(512*512*2 + 2*512)
    Fixtures.Written c = write(source("Lstm", """
        @Network(input = {20, 300}, params = 3_768_320)
        public interface Lstm extends Model {
          @LSTM(hidden = 512, returnSequences = true) Layer l0();
          @LSTM(hidden = 512) Layer l1();
        }
        """));
    assertThat(c.realErrors()).isEmpty();
    String json = c.json("Lstm");
    assertThat(parameters(json)).isEqualTo(3_768_320);
    assertThat(layerOutput(json, "l0")).isEqualTo("[20,512]");
    assertThat(layerOutput(json, "l1")).isEqualTo("[512]");
  }

  @Test
  void gruAndRnn() {
    Fixtures.Written c = write(source("Gru", """
        @Network(input = {7, 10}, params = 1_920 + 20 * 20 + 20 * 20 + 40)
        public interface Gru extends Model {
          @GRU(hidden = 20, returnSequences = true) Layer gru();
          @RNN(hidden = 20, nonlinearity = Activation.RELU) Layer rnn();
        }
        """));
    assertThat(c.realErrors()).isEmpty();
    String json = c.json("Gru");
    assertThat(layerParameters(json, "gru")).isEqualTo(1_920);
    assertThat(layerOutput(json, "gru")).isEqualTo("[7,20]");
    assertThat(layerOutput(json, "rnn")).isEqualTo("[20]");
  }

  @Test
  void multiheadAttentionVariants() {
    Fixtures.Written c = write(source("Attention", """
        @Network(input = {10, 512})
        public interface Attention extends Model {
          @MultiHeadAttention(heads = 8) Layer full();
          @MultiHeadAttention(heads = 8, bias = false) Layer noBias();
          @MultiHeadAttention(heads = 8, outProjection = false, causal = true) Layer noOut();
          @SequencePool(mode = PoolMode.MEAN) Layer pool();
        }
        """));
    assertThat(c.realErrors()).isEmpty();
    String json = c.json("Attention");
    assertThat(layerParameters(json, "full")).isEqualTo(1_050_624);
    assertThat(layerParameters(json, "noBias")).isEqualTo(4L * 512 * 512);
    assertThat(layerParameters(json, "noOut")).isEqualTo(3L * 512 * 512 + 3 * 512);
    assertThat(layerOutput(json, "noOut")).isEqualTo("[10,512]");
    assertThat(layerOutput(json, "pool")).isEqualTo("[512]");
  }

  @Test
  void tokensEmbeddingPositionalLayerNormLinearOnLastAxis() {
    Fixtures.Written c = write(source("TinyLm", """
        @Network(input = 16, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
        public interface TinyLm extends Model {
          @Embedding(vocab = 100, dim = 32) Layer embed();
          @PositionalEmbedding Layer pos();
          @LayerNorm Layer ln();
          @MultiHeadAttention(heads = 4, causal = true) Layer attn();
          @Linear(out = 100) Layer head();
        }
        """));
    assertThat(c.realErrors()).isEmpty();
    String json = c.json("TinyLm");
    assertThat(layerOutput(json, "embed")).isEqualTo("[16,32]");
    assertThat(layerParameters(json, "embed")).isEqualTo(3_200);
    assertThat(layerParameters(json, "pos")).isEqualTo(16 * 32);
    assertThat(layerParameters(json, "ln")).isEqualTo(64);
    assertThat(layerOutput(json, "head")).isEqualTo("[16,100]");
    assertThat(layerParameters(json, "head")).isEqualTo(3_300);
  }

  @Test
  void tinyResNetFromTheDsl() {
    Fixtures.Written c = write(
        source("BasicBlock", """
            @Block
            public interface BasicBlock {
              @Conv2d(out = 16, kernel = 3, padding = 1, bias = false) Layer conv1();
              @BatchNorm Layer bn1();
              @ReLU Layer relu();
              @Conv2d(out = 16, kernel = 3, padding = 1, bias = false) Layer conv2();
              @BatchNorm Layer bn2();
            }
            """),
        source("Stage2Block", """
            @Block
            public interface Stage2Block {
              @Conv2d(out = 32, kernel = 3, stride = 2, padding = 1, bias = false) Layer conv1();
              @BatchNorm Layer bn1();
              @ReLU Layer relu();
              @Conv2d(out = 32, kernel = 3, padding = 1, bias = false) Layer conv2();
              @BatchNorm Layer bn2();
            }
            """),
        source("Downsample", """
            @Block
            public interface Downsample {
              @Conv2d(out = 32, kernel = 1, stride = 2, bias = false) Layer conv();
              @BatchNorm Layer bn();
            }
            """),
        source("TinyResNet", """
            @Network(input = {3, 32, 32}, loss = Loss.CROSS_ENTROPY)
            public interface TinyResNet extends Model {
              @Conv2d(out = 16, kernel = 3, padding = 1) Layer stem();
              @Residual @Repeat(3) List<BasicBlock> stage1();
              @Residual(shortcut = Downsample.class, activation = Activation.RELU) @ExpectShape({32, 16, 16}) Stage2Block stage2();
              @GlobalAvgPool Layer gap();
              @Linear(out = 10) Layer fc();
            }
            """));
    assertThat(c.realErrors()).isEmpty();
    String json = c.json("TinyResNet");
    long stem = 16 * 3 * 9 + 16;
    long basic = 2 * (16 * 16 * 9) + 2 * 32;
    long stage2 = 32 * 16 * 9 + 32 * 32 * 9 + 2 * 64 + (32 * 16 + 64);
    assertThat(parameters(json)).isEqualTo(stem + 3 * basic + stage2 + 330);
    assertThat(layerOutput(json, "stage1.0.conv1")).isEqualTo("[16,32,32]");
    assertThat(layerParameters(json, "stage1.2.bn2")).isEqualTo(32);
    assertThat(layerOutput(json, "stage2.conv1")).isEqualTo("[32,16,16]");
    assertThat(layerOutput(json, "stage2.shortcut.conv")).isEqualTo("[32,16,16]");
    assertThat(layerOutput(json, "gap")).isEqualTo("[32]");
    assertThat(json).doesNotContain("stage1.3");
    String text = c.text("TinyResNet");
    assertThat(text).contains("stage2.shortcut.bn");
    assertThat(text).contains("+ residual, ReLU");
  }
}
