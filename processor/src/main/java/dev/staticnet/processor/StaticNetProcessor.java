package dev.staticnet.processor;

import com.google.auto.service.AutoService;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The StaticNet annotation processor: parse → declarations → shape inference → parameter counting
 * → checks → lints → summary → code generation, each stage returning early unless clean.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes("dev.staticnet.Network")
public final class StaticNetProcessor extends AbstractProcessor {
  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return false; // TODO: the pipeline
  }
}
