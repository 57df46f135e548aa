package dev.staticnet.processor.parse;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads the abstract methods of a network or block interface, in source order, into
 * {@link StepDecl}s, inlining {@code @Block} return types (with {@code @Repeat} and
 * {@code @Residual}). Declaration mistakes are reported here; the broken step is kept with
 * {@code valid = false} so that later stages treat its output as unknown instead of cascading.
 */
final class StepParser {
  static final String LAYER = "dev.staticnet.Layer";
  static final String BLOCK = "dev.staticnet.Block";
  static final String REPEAT = "dev.staticnet.Repeat";
  static final String RESIDUAL = "dev.staticnet.Residual";
  static final String EXPECT_SHAPE = "dev.staticnet.ExpectShape";
  static final String INIT = "dev.staticnet.Init";

  private static final Map<String, StepKind> KINDS = new HashMap<>();

  static {
    for (StepKind k : StepKind.values()) {
      KINDS.put(k.annotation(), k);
    }
  }

  private final Reporter reporter;
  private final Mirrors mirrors;
  private final AttrsParser attrsParser;
  private final Map<TypeElement, List<StepDecl>> blocks = new HashMap<>();
  private final Deque<TypeElement> open = new ArrayDeque<>();

  StepParser(Elements elements, Reporter reporter) {
    this.reporter = reporter;
    this.mirrors = new Mirrors(elements);
    this.attrsParser = new AttrsParser(elements, reporter);
  }

  /** The steps of {@code owner}: its abstract methods in source order. */
  List<StepDecl> parseSteps(TypeElement owner) {
    List<StepDecl> steps = new ArrayList<>();
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getModifiers().contains(Modifier.ABSTRACT)) {
        steps.add(parseStep((ExecutableElement) e));
      }
    }
    return steps;
  }

  private StepDecl parseStep(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    boolean valid = true;
    if (!method.getParameters().isEmpty()) {
      reporter.error(Message.STEP_HAS_PARAMETERS, method, null, null, name, method.getParameters().size());
      valid = false;
    }
    List<AnnotationMirror> layers = new ArrayList<>();
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      if (KINDS.containsKey(Mirrors.name(m))) {
        layers.add(m);
      }
    }
    ExpectDecl expect = Mirrors.find(method, EXPECT_SHAPE)
        .map(m -> new ExpectDecl(Dims.of(mirrors.intArray(m, "value")), m, mirrors.value(m, "value")))
        .orElse(null);
    AnnotationMirror repeat = Mirrors.find(method, REPEAT).orElse(null);
    AnnotationMirror residual = Mirrors.find(method, RESIDUAL).orElse(null);

    if (layers.size() > 1) {
      String names = layers.stream().map(m -> "@" + Mirrors.simpleName(m)).collect(Collectors.joining(" and "));
      reporter.error(Message.STEP_TWO_ANNOTATIONS, method, layers.get(1), null, name, names);
      return new LayerDecl(name, method, KINDS.get(Mirrors.name(layers.get(0))), layers.get(0), Attrs.defaults(),
          expect, false);
    }
    if (layers.size() == 1) {
      return parseLayer(name, method, layers.get(0), repeat, residual, expect);
    }
    return parseBlockStep(name, method, repeat, residual, expect, valid);
  }

  private LayerDecl parseLayer(String name, ExecutableElement method, AnnotationMirror layer,
      AnnotationMirror repeat, AnnotationMirror residual, ExpectDecl expect) {
    StepKind kind = KINDS.get(Mirrors.name(layer));
    if (!isType(method.getReturnType(), LAYER) && !ErrorTypes.in(method.getReturnType())) {
      reporter.error(Message.STEP_RETURN_TYPE, method, null, null, name, "layer", "Layer", method.getReturnType());
    }
    for (AnnotationMirror blockOnly : new AnnotationMirror[] {repeat, residual}) {
      if (blockOnly != null) {
        reporter.error(Message.BLOCK_ANNOTATION_ON_LAYER, method, blockOnly, null, name,
            Mirrors.simpleName(blockOnly));
      }
    }
    AnnotationMirror init = Mirrors.find(method, INIT).orElse(null);
    AttrsParser.Result attrs = attrsParser.parse(name, method, kind, layer, init, mirrors);
    // Mistakes that leave the layer's shape clear (a parameter list, the return type, a bad Dropout p)
    // are reported but do not stop inference, so a later independent mistake shows in the same run.
    return new LayerDecl(name, method, kind, layer, attrs.attrs(), expect, attrs.shapeValid());
  }

  private StepDecl parseBlockStep(String name, ExecutableElement method, AnnotationMirror repeat,
      AnnotationMirror residual, ExpectDecl expect, boolean valid) {
    TypeMirror returnType = method.getReturnType();
    if (ErrorTypes.in(returnType)) {
      return invalidBlock(name, method, expect); // javac reports the unknown type itself
    }
    TypeElement blockType = null;
    boolean list = false;
    if (returnType.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) returnType;
      TypeElement raw = (TypeElement) declared.asElement();
      if (raw.getQualifiedName().contentEquals("java.util.List")) {
        list = true;
        List<? extends TypeMirror> args = declared.getTypeArguments();
        if (args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED) {
          blockType = (TypeElement) ((DeclaredType) args.get(0)).asElement();
        }
      } else if (!raw.getQualifiedName().contentEquals(LAYER)) {
        blockType = raw;
      }
    }
    if (blockType == null) {
      reporter.error(Message.STEP_NO_ANNOTATION, method, null, null, name, LayerSuggestion.forStep(name));
      return invalidBlock(name, method, expect);
    }
    if (Mirrors.find(blockType, BLOCK).isEmpty()) {
      reporter.error(Message.NOT_A_BLOCK, method, null, null, name, blockType.getSimpleName());
      return invalidBlock(name, method, expect);
    }
    int copies = 1;
    if (list && repeat == null) {
      reporter.error(Message.LIST_WITHOUT_REPEAT, method, null, null, name);
      valid = false;
    } else if (!list && repeat != null) {
      reporter.error(Message.REPEAT_NOT_LIST, method, repeat, null, name, blockType.getSimpleName());
      valid = false;
    } else if (repeat != null) {
      copies = mirrors.intValue(repeat, "value");
      if (copies < 1) {
        reporter.error(Message.REPEAT_COUNT, method, repeat, mirrors.value(repeat, "value"), name, copies);
        valid = false;
      }
    }
    List<StepDecl> body = blockSteps(blockType, method);
    if (body == null) {
      return invalidBlock(name, method, expect);
    }
    BlockDecl.ResidualDecl res = null;
    if (residual != null) {
      TypeMirror shortcut = mirrors.typeValue(residual, "shortcut");
      TypeElement shortcutType = null;
      List<StepDecl> shortcutSteps = List.of();
      if (ErrorTypes.in(shortcut)) {
        return invalidBlock(name, method, expect);
      }
      if (shortcut.getKind() == TypeKind.DECLARED) {
        shortcutType = (TypeElement) ((DeclaredType) shortcut).asElement();
        if (Mirrors.find(shortcutType, BLOCK).isEmpty()) {
          reporter.error(Message.SHORTCUT_NOT_BLOCK, method, residual, mirrors.value(residual, "shortcut"), name,
              shortcutType.getSimpleName());
          valid = false;
        } else {
          shortcutSteps = blockSteps(shortcutType, method);
          if (shortcutSteps == null) {
            return invalidBlock(name, method, expect);
          }
        }
      }
      res = new BlockDecl.ResidualDecl(residual, shortcutType, shortcutSteps, mirrors.enumValue(residual, "activation"));
    }
    TypeElement block = blockType;
    AnnotationMirror init = Mirrors.find(method, INIT).or(() -> Mirrors.find(block, INIT)).orElse(null);
    NetworkModel.InitSpec initSpec = init == null ? null
        : new NetworkModel.InitSpec(mirrors.enumValue(init, "scheme"), mirrors.doubleValue(init, "std"));
    return new BlockDecl(name, method, blockType, body, Math.max(copies, 1), repeat, res, initSpec, expect, valid);
  }

  /** The steps of a block type (parsed once), or null when it contains itself (reported). */
  private List<StepDecl> blockSteps(TypeElement type, ExecutableElement usedBy) {
    if (open.contains(type)) {
      reporter.error(Message.BLOCK_CYCLE, usedBy, null, null, usedBy.getSimpleName(), type.getSimpleName());
      return null;
    }
    List<StepDecl> cached = blocks.get(type);
    if (cached != null) {
      return cached;
    }
    open.push(type);
    try {
      List<StepDecl> steps = parseSteps(type);
      blocks.put(type, steps);
      return steps;
    } finally {
      open.pop();
    }
  }

  private static BlockDecl invalidBlock(String name, ExecutableElement method, ExpectDecl expect) {
    return new BlockDecl(name, method, null, List.of(), 1, null, null, null, expect, false);
  }

  private static boolean isType(TypeMirror t, String qualifiedName) {
    return t.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }
}
