package dev.staticnet.processor.gen;

import com.palantir.javapoet.JavaFile;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.StepKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes {@code StaticNet_<Name>}: a final class extending {@code dev.staticnet.GeneratedModel} and
 * implementing the network interface, with one forward and one backward method made of kernel calls.
 */
public final class ModelGenerator {
  /** Step kinds that have code generation; a network using any other kind gets [staticnet:unsupported]. */
  public static final Set<StepKind> SUPPORTED = EnumSet.noneOf(StepKind.class);

  /** The generated source for a network whose every step is {@link #SUPPORTED}. */
  public JavaFile generate(NetworkModel network, String summaryText) {
    throw new UnsupportedOperationException("TODO: code generation");
  }
}
