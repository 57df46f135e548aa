package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.staticnet.processor.Fixtures.compile;
import static dev.staticnet.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** [staticnet:shape] and [staticnet:params] errors, each on the attribute at fault, without cascades. */
class ShapeDiagnosticsTest {
  @Test
  void linearInMismatchReadsLikeTheDsl() {
    JavaFileObject f = source("ErroneousLinearIn", """
        @Network(input = {3, 32, 32}, loss = Loss.CROSS_ENTROPY)
        public interface ErroneousLinearIn extends Model {
          @Conv2d(out = 12, kernel = 3, padding = 1) Layer conv1();
          @MaxPool2d(kernel = 2) Layer maxpool2();
          @Flatten Layer flatten();
          @Linear(in = 576, out = 64) Layer fc1();
          @Linear(in = 99, out = 10) Layer fc2();
        }
        """);
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[staticnet:shape] fc1: @Linear(in = 576) expects 576 input features, "
        + "but 'flatten' produces 3072 (flattened from 12x16x16)").inFile(f).onLineContaining("@Linear(in = 576");
    assertThat(c).hadErrorContaining("maxpool2  MaxPool2d  12x16x16");
    assertThat(c).hadErrorContaining("flatten   Flatten    3072 (= 12x16x16)");
    assertThat(c).hadErrorContaining("fc1       Linear     in = 576   <- declared here");
    assertThat(c).hadErrorContaining("Use @Linear(in = 3072, ...) or drop 'in' to infer it.");
    // fc2's 'in' is wrong too, but it depends on fc1: no cascade
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void linearInOnASequenceNamesTheLastAxis() {
    JavaFileObject f = source("ErroneousSequenceLinear", """
        @Network(input = {10, 16})
        public interface ErroneousSequenceLinear extends Model {
          @Linear(in = 10, out = 4) Layer proj();
        }
        """);
    assertThat(compile(f)).hadErrorContaining("proj: @Linear(in = 10) expects 10 input features, but the network "
        + "input produces 16 (last axis of 10x16)").inFile(f).onLineContaining("in = 10");
  }

  @Test
  void rankMismatches() {
    JavaFileObject f = source("ErroneousRanks", """
        @Network(input = 64)
        public interface ErroneousRanks extends Model {
          @Conv2d(out = 8, kernel = 3) Layer conv();
        }
        """);
    JavaFileObject pool = source("ErroneousPoolRank", """
        @Network(input = {4, 64})
        public interface ErroneousPoolRank extends Model {
          @MaxPool2d(kernel = 2) Layer pool();
        }
        """);
    JavaFileObject bn = source("ErroneousBatchNormRank", """
        @Network(input = {4, 64})
        public interface ErroneousBatchNormRank extends Model {
          @BatchNorm Layer bn();
        }
        """);
    JavaFileObject lstm = source("ErroneousLstmRank", """
        @Network(input = {3, 8, 8})
        public interface ErroneousLstmRank extends Model {
          @LSTM(hidden = 8) Layer lstm();
        }
        """);
    JavaFileObject mha = source("ErroneousAttentionRank", """
        @Network(input = 64)
        public interface ErroneousAttentionRank extends Model {
          @MultiHeadAttention(heads = 4) Layer attn();
        }
        """);
    Compilation c = compile(f, pool, bn, lstm, mha);
    assertThat(c).hadErrorContaining("conv: @Conv2d needs a (C, H, W) input, but the network input produces 64")
        .inFile(f).onLineContaining("Layer conv()");
    assertThat(c).hadErrorContaining("pool: @MaxPool2d needs a (C, H, W) input, but the network input produces 4x64")
        .inFile(pool).onLineContaining("Layer pool()");
    assertThat(c).hadErrorContaining("bn: @BatchNorm needs (C) (BatchNorm1d) or (C, H, W) (BatchNorm2d), but the "
        + "network input produces 4x64").inFile(bn).onLineContaining("Layer bn()");
    assertThat(c).hadErrorContaining("lstm: @LSTM needs a (T, F) sequence, but the network input produces 3x8x8")
        .inFile(lstm).onLineContaining("Layer lstm()");
    assertThat(c).hadErrorContaining("attn: @MultiHeadAttention needs a (T, D) sequence, but the network input "
        + "produces 64").inFile(mha).onLineContaining("Layer attn()");
    assertThat(c).hadErrorCount(5);
  }

  @Test
  void convAndPoolArithmetic() {
    JavaFileObject f = source("ErroneousWindows", """
        @Network(input = {3, 8, 8})
        public interface ErroneousWindows extends Model {
          @Conv2d(out = 4, kernel = 9) Layer tooBig();
        }
        """);
    JavaFileObject padding = source("ErroneousPoolPadding", """
        @Network(input = {3, 8, 8})
        public interface ErroneousPoolPadding extends Model {
          @AvgPool2d(kernel = 3, padding = 2) Layer pool();
        }
        """);
    JavaFileObject groups = source("ErroneousGroups", """
        @Network(input = {6, 8, 8})
        public interface ErroneousGroups extends Model {
          @Conv2d(out = 8, kernel = 3, groups = 4) Layer grouped();
        }
        """);
    JavaFileObject in = source("ErroneousConvIn", """
        @Network(input = {3, 8, 8})
        public interface ErroneousConvIn extends Model {
          @Conv2d(in = 1, out = 8, kernel = 3) Layer conv();
        }
        """);
    JavaFileObject pool = source("ErroneousPoolTooBig", """
        @Network(input = {3, 4, 8})
        public interface ErroneousPoolTooBig extends Model {
          @MaxPool2d(kernel = {5, 2}) Layer pool();
        }
        """);
    Compilation c = compile(f, padding, groups, in, pool);
    assertThat(c).hadErrorContaining("tooBig: @Conv2d on 3x8x8 gives an output of 0x0: the window does not fit")
        .inFile(f).onLineContaining("kernel = 9");
    assertThat(c).hadErrorContaining("pool: @AvgPool2d(padding = 2) pads more than half the window 3 (PyTorch "
        + "requires padding <= kernel/2)").inFile(padding).onLineContaining("padding = 2");
    assertThat(c).hadErrorContaining("grouped: @Conv2d(groups = 4) must divide both the input channels (6, from "
        + "the network input) and out (8)").inFile(groups).onLineContaining("groups = 4");
    assertThat(c).hadErrorContaining("conv: @Conv2d(in = 1) expects 1 input channels, but the network input "
        + "produces 3x8x8 (3 channels)").inFile(in).onLineContaining("in = 1");
    assertThat(c).hadErrorContaining("pool: @MaxPool2d on 3x4x8 gives an output of 0x4").inFile(pool)
        .onLineContaining("kernel = {5, 2}");
    assertThat(c).hadErrorCount(5);
  }

  @Test
  void headsMustDivideTheWidth() {
    JavaFileObject f = source("ErroneousHeads", """
        @Network(input = {10, 100})
        public interface ErroneousHeads extends Model {
          @MultiHeadAttention(heads = 8) Layer attn();
        }
        """);
    assertThat(compile(f)).hadErrorContaining("attn: @MultiHeadAttention(heads = 8) must divide the model width "
        + "D = 100 (from the network input)").inFile(f).onLineContaining("heads = 8");
  }

  @Test
  void aSecondEmbeddingReadsFloats() {
    JavaFileObject f = source("ErroneousSecondEmbedding", """
        @Network(input = 12, inputKind = InputKind.TOKENS)
        public interface ErroneousSecondEmbedding extends Model {
          @Embedding(vocab = 10, dim = 4) Layer embed();
          @Embedding(vocab = 10, dim = 4) Layer again();
        }
        """);
    assertThat(compile(f)).hadErrorContaining("again: @Embedding reads integer token ids, but 'embed' produces "
        + "float values 12x4").inFile(f).onLineContaining("Layer again()");
  }

  @Test
  void tokensAndEmbedding() {
    JavaFileObject tokens = source("ErroneousTokens", """
        @Network(input = 12, inputKind = InputKind.TOKENS)
        public interface ErroneousTokens extends Model {
          @Linear(out = 8) Layer fc();
          @Embedding(vocab = 10, dim = 4) Layer late();
        }
        """);
    JavaFileObject floats = source("ErroneousEmbedding", """
        @Network(input = {12})
        public interface ErroneousEmbedding extends Model {
          @Embedding(vocab = 10, dim = 4) Layer embed();
        }
        """);
    Compilation c = compile(tokens, floats);
    assertThat(c).hadErrorContaining("fc: a TOKENS network's first step must be @Embedding, but fc is @Linear")
        .inFile(tokens).onLineContaining("Layer fc()");
    assertThat(c).hadErrorContaining("embed: @Embedding reads integer token ids, but the network input produces "
        + "float values 12").inFile(floats).onLineContaining("Layer embed()");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void expectShapeAndParams() {
    JavaFileObject f = source("ErroneousExpect", """
        @Network(input = {1, 28, 28})
        public interface ErroneousExpect extends Model {
          @Conv2d(out = 6, kernel = 5) @ExpectShape({6, 28, 28}) Layer c1();
          @Flatten Layer flat();
        }
        """);
    JavaFileObject params = source("ErroneousParams", """
        @Network(input = 784, params = 397_000)
        public interface ErroneousParams extends Model {
          @Linear(out = 500, activation = Activation.RELU) Layer fc1();
          @Linear(out = 10) Layer fc2();
        }
        """);
    Compilation c = compile(f, params);
    assertThat(c).hadErrorContaining("c1: @ExpectShape({6, 28, 28}) but the step produces 6x24x24")
        .inFile(f).onLineContaining("@ExpectShape({6, 28, 28})");
    assertThat(c).hadErrorContaining("Fix the layers above, or update @ExpectShape to {6, 24, 24}.");
    assertThat(c).hadErrorContaining("[staticnet:params] ErroneousParams: @Network(params = 397000) but the layers "
        + "have 397510 trainable parameters (fc1 392500 + fc2 5010)").inFile(params)
        .onLineContaining("params = 397_000");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void residualBranchesMustMatch() {
    JavaFileObject block = source("Widen", """
        @Block
        public interface Widen {
          @Conv2d(out = 32, kernel = 3, padding = 1) Layer conv();
        }
        """);
    JavaFileObject f = source("ErroneousResidual", """
        @Network(input = {16, 8, 8})
        public interface ErroneousResidual extends Model {
          @Residual Widen widen();
          @Linear(in = 7, out = 2) Layer fc();
        }
        """);
    Compilation c = compile(block, f);
    assertThat(c).hadErrorContaining("widen: @Residual adds two branches of different shapes: the block produces "
        + "32x8x8 but the identity shortcut gives 16x8x8").inFile(f).onLineContaining("@Residual Widen");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void errorInsideARepeatedBlockIsReportedOnceOnTheBlockMethod() {
    JavaFileObject block = source("BadBlock", """
        @Block
        public interface BadBlock {
          @Linear(in = 3, out = 8) Layer fc();
        }
        """);
    JavaFileObject f = source("ErroneousRepeatedBlock", """
        @Network(input = 8)
        public interface ErroneousRepeatedBlock extends Model {
          @Repeat(3) List<BadBlock> blocks();
        }
        """);
    Compilation c = compile(block, f);
    assertThat(c).hadErrorContaining("blocks.0.fc: @Linear(in = 3) expects 3 input features, but the network "
        + "input produces 8").inFile(block).onLineContaining("in = 3");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void lossNeedsClassScores() {
    JavaFileObject f = source("ErroneousLoss", """
        @Network(input = {3, 8, 8}, loss = Loss.CROSS_ENTROPY)
        public interface ErroneousLoss extends Model {
          @Conv2d(out = 10, kernel = 1) Layer conv();
        }
        """);
    JavaFileObject mse = source("AnyShapeMse", """
        @Network(input = {3, 8, 8}, loss = Loss.MSE)
        public interface AnyShapeMse extends Model {
          @Conv2d(out = 3, kernel = 1) Layer conv();
        }
        """);
    JavaFileObject perPosition = source("PerPositionNll", """
        @Network(input = 6, inputKind = InputKind.TOKENS, loss = Loss.NLL)
        public interface PerPositionNll extends Model {
          @Embedding(vocab = 9, dim = 4) Layer embed();
          @Linear(out = 9) Layer logits();
          @LogSoftmax Layer logProbs();
        }
        """);
    Compilation c = compile(f, mse, perPosition);
    assertThat(c).hadErrorContaining("ErroneousLoss: loss = CROSS_ENTROPY needs logits of shape (K) or (T, K), "
        + "but the network produces 10x8x8").inFile(f).onLineContaining("loss = Loss.CROSS_ENTROPY");
    assertThat(Fixtures.realErrors(c)).hasSize(1);
  }

  @Test
  void aBadShapeNeutralAttributeDoesNotHideALaterShapeError() {
    JavaFileObject f = source("ErroneousTwoIndependent", """
        @Network(input = 32)
        public interface ErroneousTwoIndependent extends Model {
          @Dropout(p = 1.5) Layer drop();
          @BatchNorm(eps = 0) Layer bn();
          @Linear(in = 16, out = 4) Layer fc();
        }
        """);
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("drop: @Dropout(p = 1.5) is a drop probability").inFile(f)
        .onLineContaining("p = 1.5");
    assertThat(c).hadErrorContaining("bn: @BatchNorm(eps = 0.0) must be positive").inFile(f).onLineContaining("eps = 0");
    assertThat(c).hadErrorContaining("fc: @Linear(in = 16) expects 16 input features, but 'bn' produces 32")
        .inFile(f).onLineContaining("in = 16");
    assertThat(c).hadErrorCount(3);
  }
}
