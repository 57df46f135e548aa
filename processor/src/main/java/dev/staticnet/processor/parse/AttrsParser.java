package dev.staticnet.processor.parse;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.StepKind;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Turns a layer annotation mirror into {@link Attrs}: expands one-value {@code int[]} forms to
 * {height, width}, defaults pool strides to the kernel, and reports attributes out of range
 * (non-positive sizes, negative padding, dropout p outside [0, 1), an RNN nonlinearity other than
 * TANH/RELU). Shape-dependent checks belong to shape inference.
 */
final class AttrsParser {
  private final Elements elements;
  private final Reporter reporter;

  AttrsParser(Elements elements, Reporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  /** Attributes whose value does not change the output shape: a bad one still lets inference go on. */
  private static final Set<String> SHAPE_NEUTRAL = Set.of("p", "eps", "momentum", "nonlinearity", "slope");

  /**
   * Parsed attributes.
   *
   * @param valid      all attributes are in range
   * @param shapeValid the attributes the output shape depends on are in range (inference can go on
   *                   past this step, so a later independent mistake is reported in the same run)
   */
  record Result(Attrs attrs, boolean valid, boolean shapeValid) {}

  Result parse(String step, ExecutableElement method, StepKind kind, AnnotationMirror m, AnnotationMirror init,
      Mirrors mirrors) {
    Attrs d = Attrs.defaults();
    int out = d.out();
    int in = d.in();
    boolean bias = d.bias();
    String activation = d.activation();
    int[] kernel = d.kernel();
    int[] stride = d.stride();
    int[] padding = d.padding();
    int[] dilation = d.dilation();
    int groups = d.groups();
    double eps = d.eps();
    double momentum = d.momentum();
    boolean affine = d.affine();
    double p = d.p();
    double slope = d.slope();
    int vocab = d.vocab();
    int dim = d.dim();
    int hidden = d.hidden();
    String nonlinearity = d.nonlinearity();
    boolean returnSequences = d.returnSequences();
    int heads = d.heads();
    boolean causal = d.causal();
    boolean outProjection = d.outProjection();
    String poolMode = d.poolMode();
    boolean strideGiven = true;
    Check check = new Check(step, method, kind, m);

    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(m).entrySet()) {
      String name = e.getKey().getSimpleName().toString();
      Object v = e.getValue().getValue();
      switch (name) {
        case "out" -> out = check.positive(name, (Integer) v);
        case "in" -> {
          in = (Integer) v;
          if (in != -1 && in < 1) {
            check.fail(name, "must be -1 (inferred) or a positive channel/feature count",
                "Drop 'in' to infer it from the previous step.");
          }
        }
        case "bias" -> bias = (Boolean) v;
        case "activation" -> activation = enumName(v);
        case "kernel" -> kernel = check.pair(name, Mirrors.toIntArray(e.getValue()), 1);
        case "stride" -> {
          int[] s = Mirrors.toIntArray(e.getValue());
          if (s.length == 0 && (kind == StepKind.MAX_POOL2D || kind == StepKind.AVG_POOL2D)) {
            strideGiven = false;
          } else {
            stride = check.pair(name, s, 1);
          }
        }
        case "padding" -> padding = check.pair(name, Mirrors.toIntArray(e.getValue()), 0);
        case "dilation" -> dilation = check.pair(name, Mirrors.toIntArray(e.getValue()), 1);
        case "groups" -> groups = check.positive(name, (Integer) v);
        case "eps" -> {
          eps = ((Number) v).doubleValue();
          if (!(eps > 0)) {
            check.fail(name, "must be positive (it keeps the square root away from 0)", "Use e.g. eps = 1e-5.");
          }
        }
        case "momentum" -> {
          momentum = ((Number) v).doubleValue();
          if (!(momentum >= 0 && momentum <= 1)) {
            check.fail(name, "must lie in [0, 1] (the weight of the new batch statistic)", "Use e.g. momentum = 0.1.");
          }
        }
        case "affine" -> affine = (Boolean) v;
        case "p" -> {
          p = ((Number) v).doubleValue();
          if (!(p >= 0 && p < 1)) {
            check.fail(name, "is a drop probability and must lie in [0, 1)", "Use e.g. p = 0.5 (p = 1 would drop everything).");
          }
        }
        case "slope" -> slope = ((Number) v).doubleValue();
        case "vocab" -> vocab = check.positive(name, (Integer) v);
        case "dim" -> dim = check.positive(name, (Integer) v);
        case "hidden" -> hidden = check.positive(name, (Integer) v);
        case "nonlinearity" -> {
          nonlinearity = enumName(v);
          if (!nonlinearity.equals("TANH") && !nonlinearity.equals("RELU")) {
            reporter.error(Message.RNN_NONLINEARITY, method, m, e.getValue(), step, nonlinearity);
            check.valid = false; // shape-neutral: shapeValid stays
          }
        }
        case "returnSequences" -> returnSequences = (Boolean) v;
        case "heads" -> heads = check.positive(name, (Integer) v);
        case "causal" -> causal = (Boolean) v;
        case "outProjection" -> outProjection = (Boolean) v;
        case "mode" -> poolMode = enumName(v);
        default -> { } // attributes added later are ignored by this version
      }
    }
    if (!strideGiven) {
      stride = kernel.clone();
    }
    String initScheme = d.initScheme();
    double initStd = d.initStd();
    if (init != null) {
      initScheme = mirrors.enumValue(init, "scheme");
      initStd = mirrors.doubleValue(init, "std");
    }
    Attrs attrs = new Attrs(out, in, bias, activation, kernel, stride, padding, dilation, groups, eps, momentum,
        affine, p, slope, vocab, dim, hidden, nonlinearity, returnSequences, heads, causal, outProjection, poolMode,
        initScheme, initStd);
    return new Result(attrs, check.valid, check.shapeValid);
  }

  private static String enumName(Object v) {
    return ((VariableElement) v).getSimpleName().toString();
  }

  /** Range checks for one annotation; reports each bad attribute once. */
  private final class Check {
    final String step;
    final ExecutableElement method;
    final StepKind kind;
    final AnnotationMirror mirror;
    boolean valid = true;
    boolean shapeValid = true;

    Check(String step, ExecutableElement method, StepKind kind, AnnotationMirror mirror) {
      this.step = step;
      this.method = method;
      this.kind = kind;
      this.mirror = mirror;
    }

    int positive(String name, int value) {
      if (value < 1) {
        fail(name, "must be at least 1", "Use a positive value.");
      }
      return value;
    }

    /** One value (square) or two (height, width), each at least {@code min}. */
    int[] pair(String name, int[] values, int min) {
      AnnotationValue v = Mirrors.explicit(mirror, name);
      if (values.length < 1 || values.length > 2) {
        reporter.error(Message.ATTR_ARRAY_SIZE, method, mirror, v, step, kind.simpleAnnotation(), name,
            Arrays.toString(values).replace('[', '{').replace(']', '}'), values.length);
        valid = false;
        shapeValid = false;
        return new int[] {Math.max(min, 1), Math.max(min, 1)};
      }
      for (int x : values) {
        if (x < min) {
          fail(name, min == 0 ? "must not be negative (padding is added per side)" : "must be at least " + min,
              min == 0 ? "Use padding = 0 or more." : "Use values >= " + min + ".");
          break;
        }
      }
      return values.length == 1 ? new int[] {values[0], values[0]} : values.clone();
    }

    void fail(String name, String problem, String fix) {
      AnnotationValue v = Mirrors.explicit(mirror, name);
      String shown = Mirrors.show(v);
      reporter.error(Message.ATTR_RANGE, method, mirror, v, step, kind.simpleAnnotation(), name, shown, problem, fix);
      valid = false;
      shapeValid &= SHAPE_NEUTRAL.contains(name);
    }
  }
}
