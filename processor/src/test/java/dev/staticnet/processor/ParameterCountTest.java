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
}
