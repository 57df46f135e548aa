package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.staticnet.processor.Fixtures.compile;
import static dev.staticnet.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** [staticnet:declaration] errors: what a network, a step or an attribute may look like. */
class DeclarationDiagnosticsTest {
  @Test
  void networkOnAClass() {
    JavaFileObject f = source("ErroneousClass", """
        @Network(input = 4)
        public abstract class ErroneousClass implements Model {
        }
        """);
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[staticnet:declaration] ErroneousClass: @Network goes on an interface, "
        + "but ErroneousClass is a class").inFile(f).onLineContaining("class ErroneousClass");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void interfaceNotExtendingModel() {
    JavaFileObject f = source("ErroneousNotModel", """
        @Network(input = 4)
        public interface ErroneousNotModel {
          @Linear(out = 2) Layer fc();
        }
        """);
    assertThat(compile(f)).hadErrorContaining("ErroneousNotModel: a @Network interface must extend dev.staticnet.Model")
        .inFile(f).onLineContaining("interface ErroneousNotModel");
  }

  @Test
  void badStepMethodsAreAllReportedInOneCompilation() {
    JavaFileObject f = source("ErroneousSteps", """
        @Network(input = 4)
        public interface ErroneousSteps extends Model {
          @Linear(out = 8) Layer takesInput(float[] x);
          @Linear(in = 7, out = 8) int wrongReturn();
          Layer noAnnotation();
          @Linear(out = 8) @ReLU Layer twoAnnotations();
          @Linear(in = 3, out = 2) Layer afterTheBrokenOnes();
        }
        """);
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("takesInput: a step method takes no parameters, but takesInput declares 1")
        .inFile(f).onLineContaining("takesInput(float[] x)");
    assertThat(c).hadErrorContaining("wrongReturn: a layer step returns Layer, but wrongReturn returns int")
        .inFile(f).onLineContaining("wrongReturn()");
    assertThat(c).hadErrorContaining("wrongReturn: @Linear(in = 7) expects 7 input features, but 'takesInput' "
        + "produces 8").inFile(f).onLineContaining("in = 7");
    assertThat(c).hadErrorContaining("noAnnotation: the step has no layer annotation")
        .inFile(f).onLineContaining("noAnnotation()");
    assertThat(c).hadErrorContaining("twoAnnotations: a step has exactly one layer annotation, but twoAnnotations "
        + "has @Linear and @ReLU").inFile(f).onLineContaining("twoAnnotations()");
    // a parameter list or a wrong return type leaves the layer's shape clear, so the next steps are
    // still checked; after a step without a layer annotation the shape is unknown, so
    // afterTheBrokenOnes (whose 'in' is wrong too) is not checked: nothing cascades
    assertThat(c).hadErrorCount(5);
  }

  @Test
  void invalidNetworkInput() {
    JavaFileObject empty = source("ErroneousEmptyInput", """
        @Network(input = {})
        public interface ErroneousEmptyInput extends Model {
          @Linear(out = 2) Layer fc();
        }
        """);
    JavaFileObject negative = source("ErroneousNegativeInput", """
        @Network(input = {3, -28, 28})
        public interface ErroneousNegativeInput extends Model {
          @Flatten Layer flat();
        }
        """);
    Compilation c = compile(empty, negative);
    assertThat(c).hadErrorContaining("ErroneousEmptyInput: @Network(input = {}) is empty")
        .inFile(empty).onLineContaining("input = {}");
    assertThat(c).hadErrorContaining("ErroneousNegativeInput: @Network(input = {3, -28, 28}) has a size below 1")
        .inFile(negative).onLineContaining("input = {3, -28, 28}");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void intArrayAttributesTakeOneOrTwoPositiveValues() {
    JavaFileObject f = source("ErroneousArrays", """
        @Network(input = {3, 32, 32})
        public interface ErroneousArrays extends Model {
          @Conv2d(out = 8, kernel = {3, 3, 3}) Layer threeValues();
          @Conv2d(out = 8, kernel = {}) Layer noValue();
          @Conv2d(out = 8, kernel = 3, padding = -1) Layer negativePadding();
          @MaxPool2d(kernel = 0) Layer zeroKernel();
        }
        """);
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("threeValues: @Conv2d(kernel = {3, 3, 3}) takes one value (square) or two "
        + "({height, width}), not 3").inFile(f).onLineContaining("kernel = {3, 3, 3}");
    assertThat(c).hadErrorContaining("noValue: @Conv2d(kernel = {}) takes one value").inFile(f)
        .onLineContaining("kernel = {}");
    assertThat(c).hadErrorContaining("negativePadding: @Conv2d(padding = -1) must not be negative")
        .inFile(f).onLineContaining("padding = -1");
    assertThat(c).hadErrorContaining("zeroKernel: @MaxPool2d(kernel = 0) must be at least 1")
        .inFile(f).onLineContaining("kernel = 0");
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void dropoutProbabilityAndRnnNonlinearity() {
    JavaFileObject f = source("ErroneousAttributes", """
        @Network(input = {5, 8})
        public interface ErroneousAttributes extends Model {
          @Dropout(p = 1.0) Layer dropAll();
          @Dropout(p = -0.5) Layer dropNegative();
          @RNN(hidden = 4, nonlinearity = Activation.SIGMOID) Layer rnn();
          @Linear(out = 0) Layer noOutputs();
        }
        """);
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("dropAll: @Dropout(p = 1.0) is a drop probability and must lie in [0, 1)")
        .inFile(f).onLineContaining("p = 1.0");
    assertThat(c).hadErrorContaining("dropNegative: @Dropout(p = -0.5) is a drop probability")
        .inFile(f).onLineContaining("p = -0.5");
    assertThat(c).hadErrorContaining("rnn: @RNN(nonlinearity = SIGMOID) supports only TANH and RELU")
        .inFile(f).onLineContaining("Activation.SIGMOID");
    assertThat(c).hadErrorContaining("noOutputs: @Linear(out = 0) must be at least 1")
        .inFile(f).onLineContaining("out = 0");
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void blocksRepeatAndResidualDeclarations() {
    JavaFileObject notBlock = source("NotABlock", """
        public interface NotABlock {
          @Linear(out = 4) Layer fc();
        }
        """);
    JavaFileObject block = source("SmallBlock", """
        @Block
        public interface SmallBlock {
          @Linear(out = 4) Layer fc();
        }
        """);
    JavaFileObject f = source("ErroneousBlocks", """
        @Network(input = 4)
        public interface ErroneousBlocks extends Model {
          NotABlock plain();
          @Repeat(2) SmallBlock single();
          @Repeat(0) List<SmallBlock> none();
          List<SmallBlock> unrepeated();
          @Residual @Linear(out = 4) Layer residualLayer();
        }
        """);
    Compilation c = compile(notBlock, block, f);
    assertThat(c).hadErrorContaining("plain: returns NotABlock, which is not annotated @Block")
        .inFile(f).onLineContaining("NotABlock plain()");
    assertThat(c).hadErrorContaining("single: @Repeat needs a List<Block> return type, but single returns SmallBlock")
        .inFile(f).onLineContaining("SmallBlock single()");
    assertThat(c).hadErrorContaining("none: @Repeat(0) needs at least one copy")
        .inFile(f).onLineContaining("@Repeat(0)");
    assertThat(c).hadErrorContaining("unrepeated: returns a List of blocks but has no @Repeat(n)")
        .inFile(f).onLineContaining("unrepeated()");
    assertThat(c).hadErrorContaining("residualLayer: @Residual applies to block steps, but residualLayer is a layer")
        .inFile(f).onLineContaining("residualLayer()");
    assertThat(c).hadErrorCount(5);
  }

  @Test
  void processorNeverCausesCannotFindSymbolForTheMissingClass() {
    JavaFileObject f = source("ErroneousCreate", """
        @Network(input = {3, 32, 32})
        public interface ErroneousCreate extends Model {
          @Conv2d(out = 12, kernel = 3, padding = 1) Layer conv();
          @Flatten Layer flatten();
          @Linear(in = 100, out = 10) Layer fc();

          static ErroneousCreate create(long seed) { return new StaticNet_ErroneousCreate(seed); }
        }
        """);
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c.errors().get(0).getMessage(null)).contains("[staticnet:shape] fc:");
    assertThat(c.errors().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("cannot find symbol")).toList())
        .isEmpty();
  }

  @Test
  void tokensInputIsOneAxis() {
    JavaFileObject f = source("ErroneousTokenInput", """
        @Network(input = {16, 4}, inputKind = InputKind.TOKENS)
        public interface ErroneousTokenInput extends Model {
          @Embedding(vocab = 10, dim = 4) Layer embed();
        }
        """);
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("ErroneousTokenInput: @Network(input = {16, 4}) has rank 2, but a TOKENS "
        + "input is a sequence of ids {T}").inFile(f).onLineContaining("input = {16, 4}");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void shortcutMustBeABlockAndBlocksMustNotContainThemselves() {
    JavaFileObject loop = source("Loop", """
        @Block
        public interface Loop {
          @Linear(out = 4) Layer fc();
          Loop again();
        }
        """);
    JavaFileObject plain = source("PlainShortcut", """
        public interface PlainShortcut {
          @Linear(out = 4) Layer fc();
        }
        """);
    JavaFileObject ok = source("OkBlock", """
        @Block
        public interface OkBlock {
          @Linear(out = 4) Layer fc();
        }
        """);
    JavaFileObject f = source("ErroneousComposition", """
        @Network(input = 4)
        public interface ErroneousComposition extends Model {
          @Residual(shortcut = PlainShortcut.class) OkBlock skip();
          Loop loop();
        }
        """);
    Compilation c = compile(loop, plain, ok, f);
    assertThat(c).hadErrorContaining("skip: @Residual(shortcut = PlainShortcut.class) is not a @Block interface")
        .inFile(f).onLineContaining("PlainShortcut.class");
    assertThat(c).hadErrorContaining("again: block Loop contains itself").inFile(loop)
        .onLineContaining("Loop again()");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void missingAnnotationSuggestsOneFromTheStepName() {
    JavaFileObject f = source("ErroneousForgotten", """
        @Network(input = {3, 8, 8})
        public interface ErroneousForgotten extends Model {
          Layer conv1();
          Layer relu();
          Layer mystery();
        }
        """);
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("Did you mean '@Conv2d(out = ..., kernel = ...) Layer conv1();'?")
        .inFile(f).onLineContaining("conv1()");
    assertThat(c).hadErrorContaining("Did you mean '@ReLU Layer relu();'?").inFile(f).onLineContaining("relu()");
    assertThat(c).hadErrorContaining("mystery: the step has no layer annotation").inFile(f)
        .onLineContaining("mystery()");
    assertThat(c.errors().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("mystery:")).toList().get(0))
        .doesNotContain("Did you mean");
    assertThat(c).hadErrorCount(3);
  }

  @Test
  void aBrokenBlockFailsEveryNetworkUsingItButIsReportedOnce() {
    JavaFileObject block = source("SharedBlock", """
        @Block
        public interface SharedBlock {
          @Dropout(p = 2) Layer drop();
        }
        """);
    JavaFileObject first = source("FirstUser", """
        @Network(input = 4)
        public interface FirstUser extends Model {
          SharedBlock shared();
        }
        """);
    JavaFileObject second = source("SecondUser", """
        @Network(input = 4)
        public interface SecondUser extends Model {
          SharedBlock shared();
        }
        """);
    Fixtures.Written w = Fixtures.write(block, first, second);
    assertThat(w.realErrors()).hasSize(1);
    assertThat(w.realErrors().get(0)).contains("drop: @Dropout(p = 2.0) is a drop probability");
    assertThat(w.resource("META-INF/staticnet/test.FirstUser.summary.json").isPresent()).isFalse();
    assertThat(w.resource("META-INF/staticnet/test.SecondUser.summary.json").isPresent()).isFalse();
    assertThat(w.messages().stream().filter(m -> m.contains("[staticnet:unsupported]")).toList()).isEmpty();
  }
}
