package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.staticnet.processor.Fixtures.compile;
import static dev.staticnet.processor.Fixtures.source;
import static dev.staticnet.processor.Fixtures.write;

import com.google.testing.compile.Compilation;
import dev.staticnet.processor.gen.ModelGenerator;
import dev.staticnet.processor.model.StepKind;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The pipeline's contract: summaries, [staticnet:unsupported], and what an erroneous network leaves behind. */
class PipelineTest {
  private static final String BLOCK = """
      @Block
      public interface Mix {
        @Linear(out = 16) Layer fc();
        @LayerNorm Layer norm();
        @GELU Layer act();
      }
      """;
  private static final String NET = """
      @Network(input = {4, 16}, loss = Loss.MSE)
      public interface Mixer extends Model {
        @Repeat(2) List<Mix> mix();
        @SequencePool(mode = PoolMode.LAST) Layer last();
        @Linear(out = 1) Layer out();
      }
      """;

  /** Steps of {@link #NET} by declaring method, with their kinds. */
  private static final Map<String, StepKind> STEPS = Map.of(
      "mix.0.fc", StepKind.LINEAR, "mix.0.norm", StepKind.LAYER_NORM, "mix.0.act", StepKind.GELU,
      "last", StepKind.SEQUENCE_POOL, "out", StepKind.LINEAR);

  @Test
  void oneUnsupportedErrorPerDeclaredStepAndTheSummaryIsStillWritten() {
    JavaFileObject block = source("Mix", BLOCK);
    JavaFileObject net = source("Mixer", NET);
    Compilation c = compile(block, net);
    List<String> unsupported = c.errors().stream().map(d -> d.getMessage(null))
        .filter(m -> m.startsWith("[staticnet:unsupported]")).toList();
    List<String> expected = STEPS.entrySet().stream().filter(e -> !ModelGenerator.SUPPORTED.contains(e.getValue()))
        .map(e -> "[staticnet:unsupported] " + e.getKey() + ": code generation for @"
            + e.getValue().simpleAnnotation() + " is not available yet")
        .toList();
    assertThat(unsupported).hasSize(expected.size()); // mix.1.* is the same method: not reported again
    for (String e : expected) {
      assertThat(unsupported.stream().anyMatch(m -> m.startsWith(e))).isTrue();
    }
    assertThat(Fixtures.realErrors(c)).isEmpty();
    if (expected.isEmpty()) {
      assertThat(c).succeeded();
      assertThat(c).generatedSourceFile("test.StaticNet_Mixer");
      assertThat(c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/staticnet/test.Mixer.summary.json").isPresent()).isTrue();
    }
    Fixtures.Written w = write(block, net);
    assertThat(w.json("Mixer")).contains("{\"name\": \"mix.1.norm\", \"kind\": \"LayerNorm\", \"output\": [4,16], "
        + "\"parameters\": 32}");
  }

  @Test
  void jsonSummaryFollowsTheDslFormat() {
    Fixtures.Written w = write(source("Small", """
        @Network(input = {1, 4, 4}, loss = Loss.CROSS_ENTROPY)
        public interface Small extends Model {
          @Conv2d(out = 2, kernel = 3, activation = Activation.RELU) Layer c1();
          @Flatten Layer flat();
          @Linear(out = 3) Layer fc();
        }
        """));
    assertThat(w.json("Small")).isEqualTo("""
        {"network": "test.Small", "input": [1,4,4], "output": [3],
         "parameters": 47,
         "layers": [{"name": "c1", "kind": "Conv2d", "output": [2,2,2], "parameters": 20},
          {"name": "flat", "kind": "Flatten", "output": [8], "parameters": 0},
          {"name": "fc", "kind": "Linear", "output": [3], "parameters": 27}],
         "memory": {"parameterBytes": 188, "bufferBytes": 0, "foldedBytes": 0,
          "trainingWorkspaceBytesPerSample": 152, "trainingWorkspaceBytesFixed": 0,
          "inferenceWorkspaceBytesPerSample": 44, "inferenceWorkspaceBytesFixed": 0, "foldedInferenceWorkspaceBytesPerSample": 44}}
        """);
    assertThat(w.text("Small")).isEqualTo("""
        test.Small
        input 1x4x4, loss CROSS_ENTROPY
        ---------------------------------------
        step  kind           output  parameters
        ---------------------------------------
        c1    Conv2d + ReLU  2x2x2           20
        flat  Flatten        8                0
        fc    Linear         3               27
        ---------------------------------------
        output 3
        trainable parameters: 47
        parameter bytes: 188 (+ 188 for gradients when training)
        workspace bytes per sample: training 152, inference 44
        """);
  }

  @Test
  void nestedInterfaceUsesTheBinaryNameForResources() {
    Fixtures.Written w = write(source("Outer", """
        public interface Outer {
          @Network(input = 3)
          interface Inner extends Model {
            @Linear(out = 2) Layer fc();
          }
        }
        """));
    assertThat(w.resource("META-INF/staticnet/test.Outer$Inner.summary.json").isPresent()).isTrue();
    assertThat(w.resource("META-INF/staticnet/test.Outer$Inner.summary.json").get())
        .startsWith("{\"network\": \"test.Outer.Inner\"");
  }

  @Test
  void erroneousNetworkGetsNoSummaryButOthersInTheSameCompilationDo() {
    Fixtures.Written w = write(
        source("ErroneousOne", """
            @Network(input = 8, params = 1)
            public interface ErroneousOne extends Model {
              @Linear(out = 2) Layer fc();
            }
            """),
        source("FineOne", """
            @Network(input = 8)
            public interface FineOne extends Model {
              @Linear(out = 2) Layer fc();
            }
            """));
    assertThat(w.resource("META-INF/staticnet/test.ErroneousOne.summary.json").isPresent()).isFalse();
    assertThat(w.resource("META-INF/staticnet/test.ErroneousOne.summary.txt").isPresent()).isFalse();
    assertThat(w.json("FineOne")).contains("\"parameters\": 18");
    assertThat(w.realErrors()).hasSize(1);
  }

  @Test
  void buffersAreListedButNotCounted() {
    Fixtures.Written w = write(source("Normed", """
        @Network(input = 8)
        public interface Normed extends Model {
          @Linear(out = 4, bias = false) Layer fc();
          @BatchNorm(affine = false) Layer bn();
        }
        """));
    assertThat(w.json("Normed")).contains("\"parameters\": 32,");
    assertThat(w.text("Normed")).contains("buffers (saved, not trained): 9");
  }
}
