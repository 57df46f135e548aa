package dev.staticnet.processor.gen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.staticnet.processor.StaticNetProcessor;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The generated code of image steps, through the real processor. */
class ConvCodeTest {
  private static String generated(String name, String source) throws IOException {
    Compilation c = Compiler.javac().withProcessors(new StaticNetProcessor())
        .compile(JavaFileObjects.forSourceString("test." + name, source));
    assertThat(c).succeeded();
    JavaFileObject file = c.generatedSourceFile("test.StaticNet_" + name).orElseThrow();
    return file.getCharContent(true).toString();
  }

  @Test
  void leNetReadsLikeHandWrittenCode() throws IOException {
    String src = generated("LeNet", "package test; import dev.staticnet.*;\n"
        + "@Network(input = {1, 28, 28}, loss = Loss.CROSS_ENTROPY)\n"
        + "public interface LeNet extends Model {\n"
        + "  @Conv2d(out = 6, kernel = 5, padding = 2, activation = Activation.TANH) Layer c1();\n"
        + "  @AvgPool2d(kernel = 2) Layer s2();\n"
        + "  @Conv2d(out = 16, kernel = 5, activation = Activation.TANH) Layer c3();\n"
        + "  @MaxPool2d(kernel = 2) Layer s4();\n"
        + "  @Flatten Layer flat();\n"
        + "  @Linear(out = 10) Layer out();\n"
        + "}\n");
    assertContains(src, "private static final ConvGeometry C1_GEOMETRY = "
        + "new ConvGeometry(1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 1, 1, 1);");
    assertContains(src, "private static final PoolGeometry S2_GEOMETRY = new PoolGeometry(6, 28, 28, 2, 2, 2, 2, 0, 0);");
    assertContains(src, "// c1: Conv2d 5x5, padding 2 + Tanh (B, 1, 28, 28) -> (B, 6, 28, 28)");
    assertContains(src, "Init.uniform(params, C1_WEIGHT, C1_GEOMETRY.weightCount(), "
        + "(float) (1 / Math.sqrt(C1_GEOMETRY.colRows())), rng);");
    assertContains(src, "Conv2dKernel.forward(c1Pre, x, params, C1_WEIGHT, C1_BIAS, C1_GEOMETRY, batch);");
    assertContains(src, "Activations.forward(Activation.TANH, c1, c1Pre, batch * C1_GEOMETRY.outSize(), 0f);");
    assertContains(src, "Pool2dKernel.avgForward(s2, c1, S2_GEOMETRY, batch);");
    // every gradient has one writer, which assigns it: no buffer is zeroed before the pass
    assertContains(src, "Pool2dKernel.maxBackward(dC3, dS4, c3, S4_GEOMETRY, batch, GradientWrite.ASSIGN);");
    assertContains(src, "Activations.backward(Activation.TANH, dC1Pre, dC1, c1Pre, c1, batch * C1_GEOMETRY.outSize(), "
        + "0f, GradientWrite.ASSIGN);");
    assertContains(src, "Conv2dKernel.backward(dX, grads, dC1Pre, x, params, C1_WEIGHT, C1_BIAS, C1_GEOMETRY, batch, "
        + "GradientWrite.ASSIGN);");
    assertContains(src, ".assignedGradient(0) // dX\n");
    assertContains(src, ".assignedGradient(6) // dS4\n");
  }

  @Test
  void onlyTheFirstWriterOfAResidualInputAssignsIt() throws IOException {
    String src = generated("Res", "package test; import dev.staticnet.*;\n"
        + "@Network(input = {4, 6, 6}, loss = Loss.MSE)\n"
        + "public interface Res extends Model {\n"
        + "  @Conv2d(out = 4, kernel = 3, padding = 1) Layer stem();\n"
        + "  @Residual(activation = Activation.RELU) Body block();\n"
        + "  @Block interface Body {\n"
        + "    @Conv2d(out = 4, kernel = 3, padding = 1, activation = Activation.RELU) Layer conv1();\n"
        + "    @Conv2d(out = 4, kernel = 3, padding = 1) Layer conv2();\n"
        + "  }\n"
        + "}\n");
    // backward: the sum's activation assigns dBlockSum; the addition's two branches add (dStem is
    // also written by conv1 later, and dBlock_conv2 has no earlier writer but Tensors.accumulate adds)
    assertContains(src, "Activations.backward(Activation.RELU, dBlockSum, dBlock, blockSum, block, batch * BLOCK_SIZE, "
        + "0f, GradientWrite.ASSIGN);");
    assertContains(src, "Tensors.accumulate(dBlock_conv2, dBlockSum, batch * BLOCK_SIZE);");
    assertContains(src, "Tensors.accumulate(dStem, dBlockSum, batch * BLOCK_SIZE);");
    assertContains(src, "Conv2dKernel.backward(dStem, grads, dBlock_conv1Pre, stem, params, BLOCK_CONV1_WEIGHT, "
        + "BLOCK_CONV1_BIAS, BLOCK_CONV1_GEOMETRY, batch);");
    assertTrue(!src.contains("// dStem\n") && !src.contains("// dBlock_conv2\n"),
        "gradients that are added into are zeroed before the pass, not declared assigned");
  }

  @Test
  void poolingAndGlobalPoolingOnTheInputGuardItsGradient() throws IOException {
    String src = generated("Pools", "package test; import dev.staticnet.*;\n"
        + "@Network(input = {3, 8, 6}, loss = Loss.MSE)\n"
        + "public interface Pools extends Model {\n"
        + "  @MaxPool2d(kernel = {2, 1}, padding = {1, 0}) Layer pool();\n"
        + "  @Conv2d(out = 4, kernel = 3, groups = 1, bias = false, dilation = 2, stride = {2, 1}) Layer conv();\n"
        + "  @GlobalAvgPool Layer gap();\n"
        + "}\n");
    assertContains(src, "new PoolGeometry(3, 8, 6, 2, 1, 2, 1, 1, 0);");
    assertContains(src, "// conv: Conv2d 3x3, stride (2, 1), dilation 2, no bias (B, 3, 5, 6) -> (B, 4, 1, 2)");
    assertContains(src, "Conv2dKernel.forward(conv, pool, params, CONV_WEIGHT, NO_PARAM, CONV_GEOMETRY, batch);");
    assertContains(src, "GlobalAvgPoolKernel.forward(gap, conv, batch, GAP_CHANNELS, GAP_SPATIAL);");
    assertContains(src, "if (dX != null) {\n      Pool2dKernel.maxBackward(dX, dPool, x, POOL_GEOMETRY, batch, "
        + "GradientWrite.ASSIGN);");
  }

  private static void assertContains(String text, String expected) {
    assertTrue(text.contains(expected), "expected the generated code to contain\n" + expected + "\nin\n" + text);
  }
}
