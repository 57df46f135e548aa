package dev.staticnet.processor.parse;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.NetworkModel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Parses a {@code @Network} type: checks that it is an interface extending {@code Model}, reads
 * the {@code @Network} attributes and every step. Reports and continues, so one compilation shows
 * every declaration mistake.
 */
public final class NetworkParser {
  public static final String NETWORK = "dev.staticnet.Network";
  static final String MODEL = "dev.staticnet.Model";

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final Mirrors mirrors;

  public NetworkParser(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.mirrors = new Mirrors(elements);
  }

  /** The declaration, or empty when the type is not even an interface. */
  public Optional<NetworkDecl> parse(TypeElement type) {
    AnnotationMirror network = Mirrors.find(type, NETWORK).orElseThrow();
    String name = type.getSimpleName().toString();
    if (type.getKind() != ElementKind.INTERFACE) {
      reporter.error(Message.NETWORK_NOT_INTERFACE, type, null, null, name, article(type.getKind()));
      return Optional.empty();
    }
    TypeElement model = elements.getTypeElement(MODEL);
    if (model != null && !types.isSubtype(types.erasure(type.asType()), types.erasure(model.asType()))) {
      reporter.error(Message.NETWORK_NOT_MODEL, type, null, null, name);
    }
    String inputKind = mirrors.enumValue(network, "inputKind");
    Dims input = parseInput(type, network, name, inputKind);
    String loss = mirrors.enumValue(network, "loss");
    long params = mirrors.longValue(network, "params");
    NetworkModel.InitSpec init = Mirrors.find(type, StepParser.INIT)
        .map(m -> new NetworkModel.InitSpec(mirrors.enumValue(m, "scheme"), mirrors.doubleValue(m, "std")))
        .orElse(null);
    List<StepDecl> steps = new StepParser(elements, reporter).parseSteps(type);
    if (steps.isEmpty()) {
      reporter.error(Message.NETWORK_NO_STEPS, type, network, null, name);
    }
    return Optional.of(new NetworkDecl(type, network, input, inputKind, loss, params, init, steps));
  }

  private Dims parseInput(TypeElement type, AnnotationMirror network, String name, String inputKind) {
    AnnotationValue value = mirrors.value(network, "input");
    int[] dims = Mirrors.toIntArray(value);
    String shown = Arrays.toString(dims).replace('[', '{').replace(']', '}');
    String problem = null;
    if (dims.length == 0) {
      problem = "is empty";
    } else if (Arrays.stream(dims).anyMatch(d -> d < 1)) {
      problem = "has a size below 1";
    } else if ("TOKENS".equals(inputKind) && dims.length != 1) {
      problem = "has rank " + dims.length + ", but a TOKENS input is a sequence of ids {T}";
    } else if (dims.length > 3) {
      problem = "has rank " + dims.length + "; StaticNet takes (F), (T, F) or (C, H, W)";
    }
    if (problem != null) {
      reporter.error(Message.NETWORK_BAD_INPUT, type, network, value, name, shown, problem);
      return null;
    }
    return Dims.of(dims);
  }

  private static String article(ElementKind kind) {
    return switch (kind) {
      case CLASS -> "a class";
      case ENUM -> "an enum";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
