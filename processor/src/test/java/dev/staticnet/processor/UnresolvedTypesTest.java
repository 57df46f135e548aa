package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.staticnet.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.staticnet.processor.gen.ModelGenerator;
import dev.staticnet.processor.model.StepKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Steps returning types javac cannot resolve (yet): left to javac, or waited for. */
class UnresolvedTypesTest {
  @Test
  void aMisspeltBlockTypeIsReportedByJavacAlone() {
    JavaFileObject f = source("ErroneousTypo", """
        @Network(input = 8)
        public interface ErroneousTypo extends Model {
          @Linear(out = 4) Layer fc();
          BasicBlok block();
          @Linear(in = 3, out = 2) Layer out();
        }
        """);
    Compilation c = Compiler.javac().withProcessors(new StaticNetProcessor()).compile(f);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(f).onLineContaining("BasicBlok block()");
    assertThat(c).hadErrorCount(1); // no misleading "[staticnet:declaration] block: no layer annotation"
  }

  /** Generates the @Block interface test.Late in its first round, as another processor might. */
  @SupportedAnnotationTypes("dev.staticnet.Network")
  static final class BlockGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("test.Late").openWriter()) {
          w.write("package test;\nimport dev.staticnet.*;\n@Block public interface Late {\n"
              + "  @Linear(out = 5) Layer fc();\n}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void aBlockGeneratedByAnotherProcessorIsWaitedFor() {
    JavaFileObject f = source("UsesLate", """
        @Network(input = 8)
        public interface UsesLate extends Model {
          Late late();
          @Linear(in = 5, out = 2) Layer out();
        }
        """);
    Compilation c = Compiler.javac().withProcessors(new BlockGenerator(), new StaticNetProcessor()).compile(f);
    assertThat(Fixtures.realErrors(c)).isEmpty();
    // the network was processed with Late resolved: it was generated, or reached the unsupported check
    if (ModelGenerator.SUPPORTED.contains(StepKind.LINEAR)) {
      assertThat(c).succeeded();
      assertThat(c).generatedSourceFile("test.StaticNet_UsesLate");
    } else {
      assertThat(c).hadErrorContaining("[staticnet:unsupported] late.fc: code generation for @Linear");
    }
  }
}
