package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.staticnet.processor.Fixtures.compile;
import static dev.staticnet.processor.Fixtures.source;
import static dev.staticnet.processor.Fixtures.write;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the inference pass does differently, as generated: BatchNorm folded into the convolution
 * before it (with a following ReLU in its epilogue), in-place activations, and the planned memory
 * the summary reports.
 */
class InferenceFusionTest {
  /** (1, 4, 4) → conv 2@3x3 same → BN → {@code activation} → flatten → fc 3. */
  private static JavaFileObject net(String name, String activation) {
    return source(name, """
        @Network(input = {1, 4, 4}, loss = Loss.CROSS_ENTROPY)
        public interface %s extends Model {
          @Conv2d(out = 2, kernel = 3, padding = 1, bias = false) Layer conv();
          @BatchNorm Layer bn();
          @%s Layer act();
          @Flatten Layer flat();
          @Linear(out = 3) Layer fc();
        }
        """.formatted(name, activation));
  }

  private static String generated(JavaFileObject file, String name) throws IOException {
    Compilation c = compile(file);
    assertThat(c).succeededWithoutWarnings();
    return c.generatedSourceFile("test.StaticNet_" + name).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void convBatchNormReluRunsAsOneConvolutionWithReluEpilogueWhenPredicting() throws IOException {
    String src = generated(net("Folded", "ReLU"), "Folded");
    assertThat(src).contains("boolean fold = ws.folded();\n"
        + "    if (fold) {\n"
        + "      // inference: conv + bn + act as one convolution (weights from computeFoldedParams)\n"
        + "      Conv2dKernel.forwardRelu(act, x, foldedParams, CONV_FOLDED_WEIGHT, CONV_FOLDED_BIAS, CONV_GEOMETRY, "
        + "batch);\n"
        + "    } else {\n"
        + "      Conv2dKernel.forward(conv, x, params, CONV_WEIGHT, NO_PARAM, CONV_GEOMETRY, batch);\n"
        + "    }\n");
    assertThat(src).contains("} else if (!fold) {\n      // (the inference pass folds this step into conv)\n"
        + "      BatchNormKernel.forwardEval(");
    assertThat(src).contains("if (!fold) {\n      // (the inference pass applies it in conv's epilogue)\n"
        + "      Activations.forward(Activation.RELU, act, bn, batch * ACT_SIZE, 0f);");
    assertThat(src).contains("BatchNormFolding.fold(foldedParams, CONV_FOLDED_WEIGHT, CONV_FOLDED_BIAS, params, "
        + "CONV_WEIGHT, NO_PARAM, BN_WEIGHT, BN_BIAS, buffers, BN_RUNNING_MEAN, BN_RUNNING_VAR, BN_CHANNELS, "
        + "CONV_GEOMETRY.colRows(), BN_EPS);");
    assertThat(src).contains(".folded(20)\n");
    assertThat(src).contains(".foldedAway(1) // conv\n");
    assertThat(src).contains(".foldedAway(4) // bn\n");
    assertThat(src).doesNotContain(".inPlace(");
    // training stays unfused: the backward pass is untouched
    assertThat(src).contains("BatchNormKernel.backward(dConv, grads, dBn, conv, bnMean, bnRstd, params, BN_WEIGHT, "
        + "BN_BIAS, batch, BN_CHANNELS, BN_SPATIAL);");
  }

  @Test
  void anActivationThatCannotFuseRunsInPlaceOverTheBatchNormOutput() throws IOException {
    String src = generated(net("Leaky", "LeakyReLU"), "Leaky");
    assertThat(src).contains("Conv2dKernel.forward(bn, x, foldedParams, CONV_FOLDED_WEIGHT, CONV_FOLDED_BIAS, "
        + "CONV_GEOMETRY, batch);");
    assertThat(src).contains(".foldedAway(1) // conv\n");
    assertThat(src).doesNotContain(".foldedAway(4)");
    assertThat(src).contains(".inPlace(5, 4) // act over bn\n");
    assertThat(src).contains("Activations.forward(Activation.LEAKY_RELU, act, bn, batch * ACT_SIZE, ACT_SLOPE);");
  }

  @Test
  void convolutionsWithAnActivationOrASecondReaderDoNotFold() throws IOException {
    String src = generated(source("Unfoldable", """
        @Block
        interface PreAct {
          @BatchNorm Layer bn();
          @ReLU Layer relu();
          @Conv2d(out = 4, kernel = 3, padding = 1) Layer conv();
        }

        @Network(input = {2, 5, 5}, loss = Loss.MSE)
        public interface Unfoldable extends Model {
          @Conv2d(out = 3, kernel = 3, padding = 1, activation = Activation.RELU) Layer c1();
          @BatchNorm Layer bn1();
          @Conv2d(out = 4, kernel = 3, padding = 1) Layer c2();
          @Residual PreAct block();
        }
        """), "Unfoldable");
    assertThat(src).doesNotContain("ws.folded()");
    assertThat(src).doesNotContain("computeFoldedParams");
    // the block's ReLU reads only the block's BatchNorm: in place; c2's output also feeds the shortcut
    assertThat(src).contains(".inPlace(");
  }

  @Test
  void summaryReportsPlannedParameterAndWorkspaceBytes() {
    Fixtures.Written w = write(net("Folded", "ReLU"));
    // params 18 + 4 + 99 floats; buffers 2 + 2 floats + one int64 counter; folded 18 + 2 floats.
    // Training per sample: input gradient 16 + 2 x (conv 32 + bn 32 + act 32 + fc 3) floats; the BN
    // caches (mean, rstd) are 2 + 2 floats per batch. Inference: 99 floats; folded: act 32 + fc 3.
    assertThat(w.text("Folded")).endsWith("""
        trainable parameters: 121
        buffers (saved, not trained): 5
        parameter bytes: 484 (+ 484 for gradients when training), buffers 24, BatchNorm-folded weights 80
        workspace bytes per sample: training 856, inference 396 (BatchNorm-folded 140)
        workspace bytes per batch, any size: training 16, inference 16
        """);
    assertThat(w.json("Folded")).endsWith("""
        "memory": {"parameterBytes": 484, "bufferBytes": 24, "foldedBytes": 80,
          "trainingWorkspaceBytesPerSample": 856, "trainingWorkspaceBytesFixed": 16,
          "inferenceWorkspaceBytesPerSample": 396, "inferenceWorkspaceBytesFixed": 16, \
        "foldedInferenceWorkspaceBytesPerSample": 140}}
        """);
    // LeakyReLU writes over the BatchNorm output: one 32-float slot fewer when predicting.
    Fixtures.Written leaky = write(net("Leaky", "LeakyReLU"));
    assertThat(leaky.text("Leaky")).contains("workspace bytes per sample: training 856, inference 268 "
        + "(BatchNorm-folded 140)\n");
  }

  /** Over 48 operations forward is split per top-level step; each part reads the flag itself. */
  @Test
  void foldsCompileInForwardPassesSplitPerStep() throws IOException {
    String src = generated(source("Deep", """
        @Block
        interface Basic {
          @Conv2d(out = 4, kernel = 3, padding = 1, bias = false) Layer conv1();
          @BatchNorm Layer bn1();
          @ReLU Layer relu();
          @Conv2d(out = 4, kernel = 3, padding = 1, bias = false) Layer conv2();
          @BatchNorm Layer bn2();
        }

        @Network(input = {4, 6, 6}, loss = Loss.MSE)
        public interface Deep extends Model {
          @Residual @Repeat(10) List<Basic> stage();
          @Conv2d(out = 2, kernel = 1, bias = false) Layer head();
          @BatchNorm Layer headBn();
        }
        """), "Deep");
    assertThat(src).contains("private void forwardStage_9(Workspace ws, boolean training) {");
    // a fold split over two methods (head in one, headBn in the next): each declares the flag
    assertThat(src).contains("float[] headBn = ws.act[104];\n    boolean fold = ws.folded();\n    if (training) {");
    assertThat(src).contains("Conv2dKernel.forwardRelu(stage_9_relu, stage_8, foldedParams, STAGE_9_CONV1_FOLDED_WEIGHT");
  }
}
