package dev.staticnet.processor.gen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.JavaFile;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ModelGeneratorTest {
  private static String generate(NetworkModel network) {
    return new ModelGenerator().generate(network, "summary of " + network.qualifiedName() + "\n").toString();
  }

  /** Compiles the generated class with its interface against the runtime on the test classpath. */
  private static Compilation compile(NetworkModel network, String interfaceSource) {
    JavaFile file = new ModelGenerator().generate(network, "summary\n");
    List<JavaFileObject> sources = new ArrayList<>();
    sources.add(JavaFileObjects.forSourceString(network.qualifiedName(), interfaceSource));
    sources.add(file.toJavaFileObject());
    return Compiler.javac().withOptions("-Xlint:all", "-Werror").compile(sources);
  }

  @Test
  void mlpReadsLikeHandWrittenCode() {
    NetworkModel mlp = new TestNetworks("Mlp", "CROSS_ENTROPY", 784)
        .linear("fc1", 500, "RELU")
        .linear("fc2", 10, "NONE")
        .build();
    String src = generate(mlp);
    System.out.println(src);
    assertContains(src, "public final class StaticNet_Mlp extends GeneratedModel implements Mlp");
    assertContains(src, "public static final long PARAMETER_COUNT = 397_510L;");
    assertContains(src, "private static final int FC1_WEIGHT = 0;");
    assertContains(src, "private static final int FC1_BIAS = 392_000;");
    assertContains(src, "private static final int FC2_WEIGHT = 392_500;");
    assertContains(src, "// fc1: Linear + ReLU (B, 784) -> (B, 500)");
    assertContains(src, "Dense.forward(ws.packedWeights(), fc1Pre, x, params, FC1_WEIGHT, FC1_BIAS, batch, FC1_IN, FC1_OUT);");
    assertContains(src, "Activations.forward(Activation.RELU, fc1, fc1Pre, batch * FC1_OUT, 0f);");
    assertContains(src, "Dense.backward(dX, grads, dFc1Pre, x, params, FC1_WEIGHT, FC1_BIAS, batch, FC1_IN, FC1_OUT, "
        + "GradientWrite.ASSIGN);");
    assertContains(src, ".labels(1, 10)");
    assertContains(src, ".param(\"fc1.weight\", FC1_WEIGHT, 500, 784)");
    assertContains(src, "return SPEC.layer(\"fc1\");");
  }

  @Test
  void mlpCompiles() {
    NetworkModel mlp = new TestNetworks("Mlp", "CROSS_ENTROPY", 784)
        .linear("fc1", 500, "RELU")
        .linear("fc2", 10, "NONE")
        .build();
    assertThat(compile(mlp, "package com.example; import dev.staticnet.*;"
        + " public interface Mlp extends Model { Layer fc1(); Layer fc2(); }")).succeededWithoutWarnings();
  }

  @Test
  void everyDenseKindCompiles() {
    NetworkModel net = new TestNetworks("AllKinds", "NLL", 4, 6)
        .linear("seq", 8, "GELU")
        .layerNorm("ln", true)
        .layerNorm("lnPlain", false)
        .flatten("flat")
        .linear("fc", 16, false, "LEAKY_RELU")
        .batchNorm("bn", true)
        .batchNorm("bnPlain", false)
        .dropout("drop", 0.25)
        .elementwise("relu", StepKind.RELU)
        .elementwise("leaky", StepKind.LEAKY_RELU)
        .elementwise("sig", StepKind.SIGMOID)
        .elementwise("tanh", StepKind.TANH)
        .elementwise("gelu", StepKind.GELU)
        .elementwise("soft", StepKind.SOFTMAX)
        .linear("out", 5, "NONE")
        .elementwise("logp", StepKind.LOG_SOFTMAX)
        .build();
    String src = generate(net);
    System.out.println(src);
    assertContains(src, "private static final int SEQ_POSITIONS = 4;");
    assertContains(src, "Dense.forward(ws.packedWeights(), seqPre, x, params, SEQ_WEIGHT, SEQ_BIAS, batch * SEQ_POSITIONS, SEQ_IN, SEQ_OUT);");
    assertContains(src, "// flat: Flatten (B, 4, 8) -> (B, 32), a view of lnPlain");
    assertContains(src, "Dense.forward(ws.packedWeights(), fcPre, lnPlain, params, FC_WEIGHT, NO_PARAM, batch, FC_IN, FC_OUT);");
    assertContains(src, "counters[BN_NUM_BATCHES_TRACKED]++;");
    assertContains(src, ".batchStatistics(\"bn\")");
    assertContains(src, ".buffer(\"bn.running_mean\", BN_RUNNING_MEAN, 16)");
    assertContains(src, ".counter(\"bn.num_batches_tracked\", BN_NUM_BATCHES_TRACKED)");
    assertContains(src, ".labels(1, 5)");
    assertThat(compile(net, "package com.example; import dev.staticnet.*;"
        + " public interface AllKinds extends Model { Layer seq(); Layer ln(); Layer lnPlain(); Layer flat(); Layer fc();"
        + " Layer bn(); Layer bnPlain(); Layer drop(); Layer relu(); Layer leaky(); Layer sig(); Layer tanh();"
        + " Layer gelu(); Layer soft(); Layer out(); Layer logp(); }")).succeededWithoutWarnings();
  }

  @Test
  void flattenAsOutputCopiesIntoTheOutputSlot() {
    NetworkModel net = new TestNetworks("Flat", "MSE", 2, 3).linear("fc", 4, "NONE").flatten("flat").build();
    String src = generate(net);
    assertContains(src, "Tensors.copy(flat, fc, batch * FLAT_SIZE);");
    assertContains(src, "Tensors.accumulate(dFc, dFlat, batch * FLAT_SIZE);");
  }

  @Test
  void inputGradientIsGuardedForKernelsThatNeedAnArray() {
    NetworkModel net = new TestNetworks("ActFirst", "MSE", 3).elementwise("act", StepKind.TANH).build();
    String src = generate(net);
    assertContains(src, "if (dX != null) {\n      Activations.backward(Activation.TANH, dX, dAct, x, act, batch * ACT_SIZE, 0f, "
        + "GradientWrite.ASSIGN);");
  }

  @Test
  void deepNetworkSplitsItsPassesPerStep() {
    TestNetworks b = new TestNetworks("Deep", "MSE", 8);
    StringBuilder methods = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      b.linear("fc" + i, 8, "TANH").flatten("flat" + i);
      methods.append(" Layer fc").append(i).append("(); Layer flat").append(i).append("();");
    }
    NetworkModel net = b.build();
    String src = generate(net);
    assertContains(src, "forwardFc0(ws, training);");
    assertContains(src, "private void backwardFc29(Workspace ws, boolean training) {");
    assertTrue(!src.contains("forwardFlat3("), "a view-only step has no method");
    assertTrue(src.indexOf("backwardFc29(ws, training);") < src.indexOf("backwardFc28(ws, training);"),
        "backward runs the steps in reverse");
    // each step's methods are written in the backward pass's order, so every step's gradients are
    // assigned by their one writer: the activation's and the Dense input's, 30 times
    assertEquals(60, src.split("GradientWrite.ASSIGN", -1).length - 1, "assigning writers");
    assertThat(compile(net, "package com.example; import dev.staticnet.*; public interface Deep extends Model {"
        + methods + " }")).succeededWithoutWarnings();
  }

  private static void assertContains(String source, String expected) {
    assertTrue(source.contains(expected), () -> "expected the generated source to contain\n  " + expected
        + "\nbut it is:\n" + source);
  }
}
