package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.staticnet.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.staticnet.processor.gen.SummaryWriter;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The last stage, with stand-in generators: what it receives, and that its failures never escape. */
class GenerationStageTest {
  private static final JavaFileObject NET = source("Gen", """
      @Network(input = 6, loss = Loss.MSE)
      public interface Gen extends Model {
        @Linear(out = 4, activation = Activation.RELU) Layer fc1();
        @Linear(out = 2) Layer fc2();
      }
      """);

  @Test
  void generatorReceivesTheModelAndTheSummaryAndItsFileIsWritten() {
    List<NetworkModel> seen = new ArrayList<>();
    List<String> summaries = new ArrayList<>();
    StaticNetProcessor processor = new StaticNetProcessor((model, summary) -> {
      seen.add(model);
      summaries.add(summary);
      TypeSpec type = TypeSpec.classBuilder(model.generatedName())
          .addModifiers(Modifier.FINAL)
          .addField(FieldSpec.builder(long.class, "PARAMETER_COUNT", Modifier.STATIC, Modifier.FINAL)
              .initializer("$LL", model.parameterCount()).build())
          .addMethod(MethodSpec.constructorBuilder().addParameter(long.class, "seed").build())
          .build();
      return JavaFile.builder(model.packageName(), type).build();
    }, EnumSet.allOf(StepKind.class));
    Compilation c = Compiler.javac().withProcessors(processor).compile(NET);
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("test.StaticNet_Gen");
    assertThat(c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/staticnet/test.Gen.summary.txt").isPresent())
        .isTrue();
    NetworkModel model = seen.get(0);
    assertThat(model.qualifiedName()).isEqualTo("test.Gen");
    assertThat(model.binaryName()).isEqualTo("test.Gen");
    assertThat(model.generatedName()).isEqualTo("StaticNet_Gen");
    assertThat(model.parameterCount()).isEqualTo(6 * 4 + 4 + 4 * 2 + 2);
    assertThat(summaries.get(0)).isEqualTo(SummaryWriter.text(model));
  }

  @Test
  void unsupportedKindsStopGenerationWithOneErrorEach() {
    List<NetworkModel> seen = new ArrayList<>();
    StaticNetProcessor processor = new StaticNetProcessor((model, summary) -> {
      seen.add(model);
      throw new AssertionError("must not generate");
    }, EnumSet.of(StepKind.RELU));
    Compilation c = Compiler.javac().withProcessors(processor).compile(NET);
    assertThat(c).hadErrorContaining("[staticnet:unsupported] fc1: code generation for @Linear is not available yet")
        .inFile(NET).onLineContaining("Layer fc1()");
    assertThat(c).hadErrorContaining("[staticnet:unsupported] fc2: code generation for @Linear")
        .inFile(NET).onLineContaining("Layer fc2()");
    assertThat(c).hadErrorCount(2);
    assertThat(seen).isEmpty();
  }

  @Test
  void aFailingStageBecomesAnInternalErrorOnTheNetwork() {
    StaticNetProcessor processor = new StaticNetProcessor((model, summary) -> {
      throw new IllegalStateException("boom");
    }, EnumSet.allOf(StepKind.class));
    Compilation c = Compiler.javac().withProcessors(processor).compile(NET);
    assertThat(c).hadErrorContaining("[staticnet:internal] test.Gen: the StaticNet processor failed on this "
        + "network: java.lang.IllegalStateException: boom").inFile(NET).onLineContaining("interface Gen");
    assertThat(c).hadErrorCount(1);
  }
}
