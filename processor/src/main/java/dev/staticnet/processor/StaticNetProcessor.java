package dev.staticnet.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.staticnet.processor.check.LossCheck;
import dev.staticnet.processor.check.ParamsCheck;
import dev.staticnet.processor.check.ShapeInference;
import dev.staticnet.processor.check.lint.Lints;
import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.gen.ModelGenerator;
import dev.staticnet.processor.gen.SummaryWriter;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.StepKind;
import dev.staticnet.processor.parse.ErrorTypes;
import dev.staticnet.processor.parse.NetworkDecl;
import dev.staticnet.processor.parse.NetworkParser;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The StaticNet annotation processor. Per {@code @Network} interface: parse → shape inference →
 * checks → lints → summary → code generation, each stage going on only if the previous one left
 * no error for this network. It never throws: an internal failure becomes a
 * {@code [staticnet:internal]} error on the network.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes(NetworkParser.NETWORK)
public final class StaticNetProcessor extends AbstractProcessor {
  /** The code generation stage: the source of {@code StaticNet_<Name>} for a checked network. */
  interface Generator {
    JavaFile generate(NetworkModel network, String summaryText);
  }

  private final Generator generator;
  private final Set<StepKind> supported;
  private final Set<String> deferred = new LinkedHashSet<>();
  private Reporter reporter;
  private NetworkParser parser;

  /** The processor javac loads: generates with {@link ModelGenerator}. */
  public StaticNetProcessor() {
    this((network, summary) -> new ModelGenerator().generate(network, summary), ModelGenerator.SUPPORTED);
  }

  /** A processor with another generation stage (tests). */
  StaticNetProcessor(Generator generator, Set<StepKind> supported) {
    this.generator = generator;
    this.supported = supported;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    reporter = new Reporter(env.getMessager());
    parser = new NetworkParser(env.getElementUtils(), env.getTypeUtils(), reporter);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    List<TypeElement> networks = new ArrayList<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        networks.add(type);
      }
    }
    deferred.clear();
    for (TypeElement annotation : annotations) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        networks.add((TypeElement) e);
      }
    }
    for (TypeElement type : networks) {
      if (ErrorTypes.inSteps(type) && !round.processingOver()) {
        deferred.add(type.getQualifiedName().toString()); // another processor may generate the type
        continue;
      }
      try {
        process(type);
      } catch (RuntimeException | IOException | StackOverflowError | AssertionError | LinkageError failure) {
        reporter.error(Message.INTERNAL, type, null, null, type.getQualifiedName(), failure);
      }
    }
    return false;
  }

  private void process(TypeElement type) throws IOException {
    int errorsBefore = reporter.errorCount();
    Optional<NetworkDecl> decl = parser.parse(type);
    if (decl.isEmpty()) {
      return;
    }
    ShapeInference.Result inferred = new ShapeInference(reporter).infer(decl.get());
    if (!inferred.complete() || reporter.errorCount() > errorsBefore) {
      return;
    }
    NetworkModel model = NetworkModels.of(decl.get(), inferred.steps(), processingEnv.getElementUtils());
    new ParamsCheck(reporter).check(decl.get(), model);
    new LossCheck(reporter).check(decl.get(), model);
    if (reporter.errorCount() > errorsBefore) {
      return;
    }
    new Lints(reporter).run(model);
    String summary = SummaryWriter.text(model);
    writeResource(SummaryWriter.textResource(model), summary, type);
    writeResource(SummaryWriter.jsonResource(model), SummaryWriter.json(model), type);
    if (reportUnsupported(model)) {
      return;
    }
    generator.generate(model, summary).writeTo(processingEnv.getFiler());
  }

  /** One [staticnet:unsupported] per declared step whose kind has no code generation yet. */
  private boolean reportUnsupported(NetworkModel model) {
    Map<ExecutableElement, LayerNode> unsupported = new LinkedHashMap<>();
    for (LayerNode l : SummaryWriter.layers(model)) {
      if (!supported.contains(l.kind())) {
        unsupported.putIfAbsent(l.element(), l);
      }
    }
    for (LayerNode l : unsupported.values()) {
      reporter.error(Message.UNSUPPORTED, l.element(), null, null, l.path(), l.kind().simpleAnnotation(),
          model.generatedName());
    }
    return !unsupported.isEmpty();
  }

  private void writeResource(String path, String text, TypeElement origin) throws IOException {
    FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path, origin);
    try (Writer w = file.openWriter()) {
      w.write(text);
    }
  }
}
