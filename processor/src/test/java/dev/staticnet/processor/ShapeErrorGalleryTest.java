package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Pins docs/shape-errors.md: every gallery entry is a file under {@code src/test/resources/gallery/},
 * compiled here with the processor. Each test asserts the message and the line it lands on;
 * {@link #thePageShowsEachFixtureAndItsCompilerOutput} checks that the page quotes each fixture
 * verbatim and every line of what javac prints for it.
 */
class ShapeErrorGalleryTest {
  /** Every fixture of the page, in page order. */
  private static final List<String> FIXTURES = List.of(
      "CifarHead", "GrayscaleIn", "SmallImage", "PoolTooLarge", "Depthwise", "SamePool", "GrayNorm", "DownBlock",
      "DownBlockFixed", "LeNetStale", "FlatMnist", "Alex224",
      "FloatTokens", "CharLstm", "OddHeads", "RowLstm", "StackedLstm", "PooledAttention", "PoolTwice",
      "LatePositions", "SequenceBatchNorm", "WrongProjection");

  private static final Path PAGE = Path.of("..", "docs", "shape-errors.md");
  private static final Map<String, Compilation> COMPILED = new ConcurrentHashMap<>();

  // --- convolutional networks -------------------------------------------------------------------

  @Test
  void linearAfterFlattenWithAHandComputedIn() {
    JavaFileObject f = fixture("CifarHead");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[staticnet:shape] fc1: @Linear(in = 576) expects 576 input features, "
        + "but 'flatten' produces 3072 (flattened from 12x16x16)").inFile(f).onLine(8);
    assertThat(c).hadErrorContaining("Use @Linear(in = 3072, ...) or drop 'in' to infer it.");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void convInForGrayscaleOnAColourInput() {
    JavaFileObject f = fixture("GrayscaleIn");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("c1: @Conv2d(in = 1) expects 1 input channels, but the network input "
        + "produces 3x28x28 (3 channels)").inFile(f).onLine(5);
    assertThat(c).hadErrorContaining("Use @Conv2d(in = 3, ...)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void convKernelLargerThanThePaddedInput() {
    JavaFileObject f = fixture("SmallImage");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("conv3: @Conv2d on 32x4x4 gives an output of 0x0: the window does not fit "
        + "(window 5x5, input 4x4 after padding, from 'pool2')").inFile(f).onLine(9);
    assertThat(c).hadErrorContaining("pool2  MaxPool2d  32x4x4");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void poolWindowLargerThanItsInput() {
    JavaFileObject f = fixture("PoolTooLarge");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("pool: @MaxPool2d on 16x6x6 gives an output of 0x0: the window does not fit "
        + "(window 8x8, input 6x6 after padding, from 'conv2')").inFile(f).onLine(7);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void groupsThatDoNotDivideTheChannels() {
    JavaFileObject f = fixture("Depthwise");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("dw: @Conv2d(groups = 32) must divide both the input channels (24, from "
        + "'stem') and out (32)").inFile(f).onLine(6);
    assertThat(c).hadErrorContaining("Pick groups among the common divisors of 24 and 32.");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void poolPaddingAboveHalfTheWindow() {
    JavaFileObject f = fixture("SamePool");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("pool: @MaxPool2d(padding = 2) pads more than half the window 2 (PyTorch "
        + "requires padding <= kernel/2)").inFile(f).onLine(5);
    assertThat(c).hadErrorContaining("Use padding <= 1, or a larger kernel.");
    // 'conv' depends on 'pool': not checked, no cascade
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void batchNormOnAnImageWithoutItsChannelAxis() {
    JavaFileObject f = fixture("GrayNorm");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("norm: @BatchNorm needs (C) (BatchNorm1d) or (C, H, W) (BatchNorm2d), but "
        + "the network input produces 28x28").inFile(f).onLine(5);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void residualBranchesOfDifferentShapes() {
    JavaFileObject f = fixture("DownBlock");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("stage2: @Residual adds two branches of different shapes: the block produces "
        + "32x16x16 but the identity shortcut gives 16x32x32").inFile(f).onLine(14);
    assertThat(c).hadErrorContaining("add a shortcut block that maps 16x32x32 to 32x16x16 "
        + "(@Residual(shortcut = ...))");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void theProjectionShortcutFixesIt() {
    Compilation c = compile(fixture("DownBlockFixed"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void staleExpectShape() {
    JavaFileObject f = fixture("LeNetStale");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("c5: @ExpectShape({120}) but the step produces 120x1x1").inFile(f).onLine(9);
    assertThat(c).hadErrorContaining("update @ExpectShape to {120, 1, 1}.");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void convOnAFlatInput() {
    JavaFileObject f = fixture("FlatMnist");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("conv: @Conv2d needs a (C, H, W) input, but the network input produces 784")
        .inFile(f).onLine(5);
    assertThat(c).hadErrorContaining("Declare the input as {C, H, W} and keep image steps before @Flatten.");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void floorDivisionOnAlexNetAt224() {
    JavaFileObject f = fixture("Alex224");
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[staticnet:floor-division] conv1: @Conv2d on 224x224 does not tile the "
        + "input: the last 1 row and 1 column never reach the output (output 54x54)").inFile(f).onLine(5);
    assertThat(c).hadWarningContaining("[staticnet:floor-division] pool1: @MaxPool2d on 54x54 does not tile the "
        + "input: the last 1 row and 1 column never reach the output (output 26x26)").inFile(f).onLine(6);
    assertThat(c).hadWarningCount(2);
  }

  // --- sequence networks --------------------------------------------------------------------------

  @Test
  void embeddingOnAFloatInput() {
    JavaFileObject f = fixture("FloatTokens");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("embed: @Embedding reads integer token ids, but the network input produces "
        + "float values 64").inFile(f).onLine(5);
    assertThat(c).hadErrorContaining("Declare @Network(inputKind = InputKind.TOKENS, input = {T})");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void tokenNetworkWithoutAnEmbedding() {
    JavaFileObject f = fixture("CharLstm");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("lstm: a TOKENS network's first step must be @Embedding, but lstm is @LSTM")
        .inFile(f).onLine(5);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void headsThatDoNotDivideTheWidth() {
    JavaFileObject f = fixture("OddHeads");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("attn: @MultiHeadAttention(heads = 8) must divide the model width D = 100 "
        + "(from 'pos')").inFile(f).onLine(7);
    assertThat(c).hadErrorContaining("Use a head count that divides 100, e.g. heads = 5.");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void recurrentLayerOnAnImage() {
    JavaFileObject f = fixture("RowLstm");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("lstm: @LSTM needs a (T, F) sequence, but the network input produces 1x28x28")
        .inFile(f).onLine(5);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void stackedLstmWithoutReturnSequences() {
    JavaFileObject f = fixture("StackedLstm");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("lstm2: @LSTM needs a (T, F) sequence, but 'lstm1' produces 128 (its last "
        + "hidden state only, returnSequences = false)").inFile(f).onLine(6);
    assertThat(c).hadErrorContaining("Set returnSequences = true on 'lstm1' to pass on every time step (T, H).");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void attentionAfterTheLastHiddenState() {
    JavaFileObject f = fixture("PooledAttention");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("attn: @MultiHeadAttention needs a (T, D) sequence, but 'lstm' produces 32 "
        + "(its last hidden state only, returnSequences = false)").inFile(f).onLine(6);
    assertThat(c).hadErrorContaining("Set returnSequences = true on 'lstm'");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void sequencePoolAfterARecurrentLayerThatAlreadyPooled() {
    JavaFileObject f = fixture("PoolTwice");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("last: @SequencePool needs a (T, D) input, but 'gru' produces 64 (its last "
        + "hidden state only, returnSequences = false)").inFile(f).onLine(7);
    assertThat(c).hadErrorContaining("Drop this step ('gru' already returns the last time step), or set "
        + "returnSequences = true on 'gru' to pool over every time step.");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void positionalEmbeddingAfterThePool() {
    JavaFileObject f = fixture("LatePositions");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("pos: @PositionalEmbedding needs a (T, D) input, but 'pool' produces 64")
        .inFile(f).onLine(7);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void batchNormOnASequence() {
    JavaFileObject f = fixture("SequenceBatchNorm");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("norm: @BatchNorm needs (C) (BatchNorm1d) or (C, H, W) (BatchNorm2d), but "
        + "'embed' produces 32x64").inFile(f).onLine(6);
    assertThat(c).hadErrorContaining("Use @LayerNorm for (T, F) features");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void linearInOnASequenceNamesTheLastAxis() {
    JavaFileObject f = fixture("WrongProjection");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("tagger: @Linear(in = 300) expects 300 input features, but 'gru' produces 256 "
        + "(last axis of 10x256)").inFile(f).onLine(6);
    assertThat(c).hadErrorCount(1);
  }

  // --- the page itself ----------------------------------------------------------------------------

  @Test
  void thePageShowsEachFixtureAndItsCompilerOutput() throws IOException {
    String page = Files.readString(PAGE);
    for (String name : FIXTURES) {
      assertThat(page).contains("```java\n" + source(name) + "```");
      for (Diagnostic<? extends JavaFileObject> d : compile(fixture(name)).diagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING) {
          continue;
        }
        String[] lines = d.getMessage(Locale.ROOT).split("\n");
        String kind = d.getKind() == Diagnostic.Kind.ERROR ? "error" : "warning";
        // javac's command-line form: File.java:LINE: kind: first line, the source line and caret, the rest
        assertThat(page).contains(name + ".java:" + d.getLineNumber() + ": " + kind + ": " + lines[0] + "\n");
        for (int i = 1; i < lines.length; i++) {
          assertThat(page).contains(lines[i].strip());
        }
      }
    }
  }

  @Test
  void everyFixtureIsOnThePage() throws IOException {
    try (var files = Files.list(Path.of("src", "test", "resources", "gallery"))) {
      List<String> names = files.map(p -> p.getFileName().toString().replace(".java", "")).sorted().toList();
      assertThat(names).containsExactlyElementsIn(FIXTURES);
    }
  }

  private static JavaFileObject fixture(String name) {
    return JavaFileObjects.forResource("gallery/" + name + ".java");
  }

  private static String source(String name) {
    try (InputStream in = ShapeErrorGalleryTest.class.getResourceAsStream("/gallery/" + name + ".java")) {
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each fixture is compiled once for all tests (a compilation's result does not change). */
  private static Compilation compile(JavaFileObject f) {
    return COMPILED.computeIfAbsent(f.getName(), name -> Compiler.javac().withProcessors(new StaticNetProcessor())
        .compile(f));
  }
}
