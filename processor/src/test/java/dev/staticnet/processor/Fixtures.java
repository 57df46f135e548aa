package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Compiles inline fixtures with the processor and reads what it wrote. */
final class Fixtures {
  private Fixtures() {}

  /** A source file {@code test/<name>.java} with {@code import dev.staticnet.*; import java.util.List;}. */
  static JavaFileObject source(String name, String body) {
    return JavaFileObjects.forSourceString("test." + name,
        "package test;\n\nimport dev.staticnet.*;\nimport java.util.List;\n\n" + body);
  }

  static Compilation compile(JavaFileObject... files) {
    return Compiler.javac().withProcessors(new StaticNetProcessor()).compile(files);
  }

  /**
   * The summaries written for every network in {@code files}, plus the diagnostics. compile-testing
   * hides generated files when a compilation fails, and a clean network still fails while code
   * generation lacks a step kind ([staticnet:unsupported]); so this runs javac itself with a real
   * class-output directory, where the processor's resources land whatever the outcome.
   */
  static Written write(JavaFileObject... files) {
    try {
      Path out = Files.createTempDirectory("staticnet-summary");
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
        fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
        JavaCompiler.CompilationTask task = javac.getTask(null, fm, diagnostics, List.of("-proc:only"), null,
            List.of(files));
        task.setProcessors(List.of(new StaticNetProcessor()));
        task.call();
      }
      return new Written(out, diagnostics.getDiagnostics());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resources on disk after {@link #write}, and javac's diagnostics. */
  record Written(Path classOutput, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    Optional<String> resource(String path) {
      Path p = classOutput.resolve(path);
      try {
        return Files.exists(p) ? Optional.of(Files.readString(p)) : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The JSON summary of {@code test.<binaryName>}. */
    String json(String binaryName) {
      return resource("META-INF/staticnet/test." + binaryName + ".summary.json")
          .orElseThrow(() -> new AssertionError("no JSON summary for " + binaryName + "; diagnostics:\n" + messages()));
    }

    String text(String binaryName) {
      return resource("META-INF/staticnet/test." + binaryName + ".summary.txt")
          .orElseThrow(() -> new AssertionError("no text summary for " + binaryName + "; diagnostics:\n" + messages()));
    }

    /** Error messages other than [staticnet:unsupported] (which depends on how far code generation has come). */
    List<String> realErrors() {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(Locale.ROOT))
          .filter(m -> !m.contains("[staticnet:unsupported]"))
          .toList();
    }

    List<String> messages() {
      return diagnostics.stream().map(d -> d.getKind() + ": " + d.getMessage(Locale.ROOT)).toList();
    }
  }

  /** {@code "parameters": N} of the whole network (the first occurrence in the JSON). */
  static long parameters(String json) {
    Matcher m = Pattern.compile("\"parameters\": (\\d+)").matcher(json);
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The {@code "output"} array of the layer named {@code name}, as {@code [6,28,28]}. */
  static String layerOutput(String json, String name) {
    Matcher m = Pattern.compile("\\{\"name\": \"" + Pattern.quote(name) + "\", \"kind\": \"\\w+\", \"output\": (\\[[\\d,]*\\])")
        .matcher(json);
    if (!m.find()) {
      throw new AssertionError("no layer " + name + " in\n" + json);
    }
    return m.group(1);
  }

  /** The {@code "parameters"} of the layer named {@code name}. */
  static long layerParameters(String json, String name) {
    Matcher m = Pattern.compile("\\{\"name\": \"" + Pattern.quote(name) + "\", [^}]*\"parameters\": (\\d+)\\}")
        .matcher(json);
    if (!m.find()) {
      throw new AssertionError("no layer " + name + " in\n" + json);
    }
    return Long.parseLong(m.group(1));
  }

  /** Errors other than [staticnet:unsupported] (which depends on how far code generation has come). */
  static List<String> realErrors(Compilation c) {
    return c.errors().stream()
        .map(d -> d.getMessage(null))
        .filter(m -> !m.contains("[staticnet:unsupported]"))
        .toList();
  }

  static List<String> warnings(Compilation c) {
    return c.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
        .map(d -> d.getMessage(null))
        .toList();
  }
}
