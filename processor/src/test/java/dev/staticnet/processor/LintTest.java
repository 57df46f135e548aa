package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.staticnet.processor.Fixtures.compile;
import static dev.staticnet.processor.Fixtures.source;
import static dev.staticnet.processor.Fixtures.warnings;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Lints are warnings, each silenced by @SuppressWarnings("staticnet:<name>") on the step or the interface. */
class LintTest {
  private static final String MLP = """
      @Network(input = 20, loss = Loss.CROSS_ENTROPY)
      %s
      public interface %s extends Model {
        %s @Linear(out = 16) Layer fc1();
        @Dropout(p = 0.1) Layer drop();
        @Linear(out = 3) Layer fc2();
        %s @Softmax Layer probs();
      }
      """;

  private static JavaFileObject mlp(String name, String onInterface, String onFc1, String onProbs) {
    return source(name, MLP.formatted(onInterface, name, onFc1, onProbs));
  }

  @Test
  void doubleSoftmaxAndLinearCollapseFire() {
    JavaFileObject f = mlp("Lints", "", "", "");
    Compilation c = compile(f);
    assertThat(c).hadWarningContaining("[staticnet:double-softmax] probs: @Softmax feeds loss = CROSS_ENTROPY")
        .inFile(f).onLineContaining("Layer probs()");
    assertThat(c).hadWarningContaining("[staticnet:linear-collapse] fc1: @Linear has no activation and feeds 'fc2' "
        + "through only @Dropout: together they are one affine map").inFile(f).onLineContaining("Layer fc1()");
    assertThat(warnings(c)).hasSize(2);
    assertThat(Fixtures.realErrors(c)).isEmpty();
  }

  @Test
  void suppressedOnTheStep() {
    Compilation c = compile(mlp("StepSuppressed", "", "@SuppressWarnings(\"staticnet:linear-collapse\")",
        "@SuppressWarnings(\"staticnet:double-softmax\")"));
    assertThat(warnings(c)).isEmpty();
  }

  @Test
  void suppressedOnTheInterface() {
    Compilation c = compile(mlp("InterfaceSuppressed",
        "@SuppressWarnings({\"staticnet:linear-collapse\", \"staticnet:double-softmax\"})", "", ""));
    assertThat(warnings(c)).isEmpty();
  }

  @Test
  void suppressingOneLintKeepsTheOther() {
    Compilation c = compile(mlp("HalfSuppressed", "@SuppressWarnings(\"staticnet:double-softmax\")", "", ""));
    assertThat(warnings(c)).hasSize(1);
    assertThat(warnings(c).get(0)).contains("[staticnet:linear-collapse]");
  }

  @Test
  void activationBetweenLinearsIsNotACollapse() {
    JavaFileObject f = source("NoCollapse", """
        @Network(input = 20, loss = Loss.CROSS_ENTROPY)
        public interface NoCollapse extends Model {
          @Linear(out = 16, activation = Activation.RELU) Layer fc1();
          @Linear(out = 16) Layer fc2();
          @Tanh Layer act();
          @Linear(out = 3) Layer fc3();
        }
        """);
    assertThat(warnings(compile(f))).isEmpty();
  }

  private static final String CONV = """
      @Network(input = {3, 8, 8})
      %s
      public interface %s extends Model {
        %s @Conv2d(out = 4, kernel = 3, stride = 2) Layer conv();
        @BatchNorm Layer bn();
        @ReLU Layer relu();
      }
      """;

  @Test
  void biasBeforeNormAndFloorDivisionFire() {
    JavaFileObject f = source("ConvLints", CONV.formatted("", "ConvLints", ""));
    Compilation c = compile(f);
    assertThat(c).hadWarningContaining("[staticnet:bias-before-norm] conv: the bias of @Conv2d feeds 'bn' "
        + "(@BatchNorm), which subtracts the mean and cancels it").inFile(f).onLineContaining("Layer conv()");
    assertThat(c).hadWarningContaining("Use @Conv2d(bias = false, ...): 4 parameters fewer, same function.");
    // 8x8, kernel 3, stride 2: windows start at 0, 2, 4 and cover rows 0..6; row 7 is never read
    assertThat(c).hadWarningContaining("[staticnet:floor-division] conv: @Conv2d on 8x8 does not tile the input: "
        + "the last 1 row and 1 column never reach the output (output 3x3)").inFile(f)
        .onLineContaining("stride = 2");
    assertThat(warnings(c)).hasSize(2);
  }

  @Test
  void convLintsSuppressedOnStepAndInterface() {
    Compilation onStep = compile(source("ConvStep", CONV.formatted("", "ConvStep",
        "@SuppressWarnings({\"staticnet:bias-before-norm\", \"staticnet:floor-division\"})")));
    assertThat(warnings(onStep)).isEmpty();
    Compilation onInterface = compile(source("ConvInterface", CONV.formatted(
        "@SuppressWarnings({\"staticnet:bias-before-norm\", \"staticnet:floor-division\"})", "ConvInterface", "")));
    assertThat(warnings(onInterface)).isEmpty();
  }

  @Test
  void biasBeforeNormCanBeSuppressedOnTheNormStep() {
    JavaFileObject f = source("NormSuppressed", """
        @Network(input = 10)
        public interface NormSuppressed extends Model {
          @Linear(out = 8) Layer fc();
          @SuppressWarnings("staticnet:bias-before-norm") @BatchNorm Layer bn();
        }
        """);
    assertThat(warnings(compile(f))).isEmpty();
  }

  @Test
  void tilingWindowsAndStridedDownsamplesDoNotWarn() {
    JavaFileObject f = source("Tiles", """
        @Network(input = {1, 9, 13})
        public interface Tiles extends Model {
          @Conv2d(out = 2, kernel = 3, stride = 2, padding = 1, activation = Activation.RELU) Layer conv();
          @MaxPool2d(kernel = 1, stride = 2) Layer skip();
          @AvgPool2d(kernel = 3) Layer pool();
        }
        """);
    // conv: 9x13 -> 5x7 reading every row; the 1x1 stride-2 pool skips rows by design; pool on 3x4
    // reads 3 rows but column 3 of 4 is dropped: one warning
    Compilation c = compile(f);
    assertThat(warnings(c)).hasSize(1);
    assertThat(warnings(c).get(0)).contains("pool: @AvgPool2d on 3x4 does not tile the input: the last 1 column");
  }

  @Test
  void lintsInsideBlocksAreSuppressedByTheBlockStep() {
    JavaFileObject block = source("ProjBlock", """
        @Block
        public interface ProjBlock {
          @Linear(out = 8) Layer a();
          @Linear(out = 8) Layer b();
        }
        """);
    JavaFileObject f = source("BlockLints", """
        @Network(input = 8)
        public interface BlockLints extends Model {
          ProjBlock loud();
          @SuppressWarnings("staticnet:linear-collapse") ProjBlock quiet();
        }
        """);
    Compilation c = compile(block, f);
    assertThat(c).hadWarningContaining("loud.a: @Linear has no activation and feeds 'loud.b' directly")
        .inFile(block).onLineContaining("Layer a()");
    // loud.b -> quiet.a also collapses (warned once on ProjBlock.b); quiet.a -> quiet.b is suppressed
    assertThat(warnings(c)).hasSize(2);
  }
}
