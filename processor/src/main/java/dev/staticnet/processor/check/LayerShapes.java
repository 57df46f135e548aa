package dev.staticnet.processor.check;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.StepKind;
import dev.staticnet.processor.parse.LayerDecl;
import java.util.ArrayList;
import java.util.List;

/**
 * Output shape of one layer step from the shape that reaches it (DSL.md §3, SEMANTICS.md
 * "Shapes"), reporting every way the input does not fit. Returns null after an error: the step's
 * output is unknown and nothing downstream is checked.
 */
final class LayerShapes {
  /** The origin of a recurrent step's (H) output, so a rank error can name returnSequences. */
  static final String LAST_STATE = "its last hidden state only, returnSequences = false";

  private final Reporter reporter;

  LayerShapes(Reporter reporter) {
    this.reporter = reporter;
  }

  /** One step being inferred. */
  private record Step(LayerDecl decl, String path, Flow in, ShapeTable table) {
    Attrs a() {
      return decl.attrs();
    }

    Dims x() {
      return in.dims();
    }
  }

  /** The output shape, or null after a reported error. {@code in} is known. */
  Dims output(LayerDecl decl, String path, Flow in, ShapeTable table) {
    Step s = new Step(decl, path, in, table);
    StepKind kind = decl.kind();
    if (in.tokens() && kind != StepKind.EMBEDDING) {
      error(s, Message.TOKENS_FIRST, null, "needs float features", path, kind.simpleAnnotation());
      return null;
    }
    return switch (kind) {
      case LINEAR -> linear(s);
      case FLATTEN -> Dims.of((int) s.x().size());
      case CONV2D -> conv(s);
      case MAX_POOL2D, AVG_POOL2D -> pool(s);
      case GLOBAL_AVG_POOL -> rank(s, 3, "a (C, H, W) input") ? Dims.of(s.x().get(0)) : null;
      case BATCH_NORM -> batchNorm(s);
      case LAYER_NORM, DROPOUT, RELU, LEAKY_RELU, SIGMOID, TANH, GELU, SOFTMAX, LOG_SOFTMAX -> s.x();
      case EMBEDDING -> embedding(s);
      case POSITIONAL_EMBEDDING -> rank(s, 2, "a (T, D) input") ? s.x() : null;
      case RNN, LSTM, GRU -> recurrent(s);
      case MULTI_HEAD_ATTENTION -> attention(s);
      case SEQUENCE_POOL -> rank(s, 2, "a (T, D) input") ? Dims.of(s.x().get(1)) : null;
    };
  }

  // (..., F) -> (..., out)
  private Dims linear(Step s) {
    int features = s.x().last();
    if (s.a().in() != -1 && s.a().in() != features) {
      String origin = s.in().origin() != null ? " (" + s.in().origin() + ")"
          : s.x().rank() > 1 ? " (last axis of " + s.x() + ")" : "";
      error(s, Message.LINEAR_IN, "in", "in = " + s.a().in(), s.path(), s.a().in(), s.in().producer(), features,
          origin);
      return null;
    }
    return replaceLast(s.x(), s.a().out());
  }

  // (C, H, W) -> (out, H', W'), H' = floor((H + 2p - d(k-1) - 1)/s) + 1
  private Dims conv(Step s) {
    if (!rank(s, 3, "a (C, H, W) input")) {
      return null;
    }
    Attrs a = s.a();
    int c = s.x().get(0);
    if (a.in() != -1 && a.in() != c) {
      error(s, Message.CONV_IN, "in", "in = " + a.in(), s.path(), a.in(), s.in().producer(), s.in().describe(), c);
      return null;
    }
    if (c % a.groups() != 0 || a.out() % a.groups() != 0) {
      error(s, Message.GROUPS, "groups", "groups = " + a.groups(), s.path(), a.groups(), c, s.in().producer(),
          a.out());
      return null;
    }
    return window(s, a.out(), a.kernel(), a.stride(), a.padding(), a.dilation());
  }

  // (C, H, W) -> (C, H', W'), stride defaults to the kernel; padding <= kernel/2
  private Dims pool(Step s) {
    if (!rank(s, 3, "a (C, H, W) input")) {
      return null;
    }
    Attrs a = s.a();
    int[] k = a.kernel();
    int[] p = a.padding();
    if (p[0] > k[0] / 2 || p[1] > k[1] / 2) {
      error(s, Message.POOL_PADDING, "padding", "padding = " + Shapes.pair(p), s.path(),
          s.decl().kind().simpleAnnotation(), Shapes.pair(p), Shapes.pair(k), Shapes.pair(new int[] {k[0] / 2, k[1] / 2}));
      return null;
    }
    return window(s, s.x().get(0), k, a.stride(), p, new int[] {1, 1});
  }

  private Dims window(Step s, int channels, int[] k, int[] stride, int[] p, int[] d) {
    int h = SlidingWindow.outputSize(s.x().get(1), k[0], stride[0], p[0], d[0]);
    int w = SlidingWindow.outputSize(s.x().get(2), k[1], stride[1], p[1], d[1]);
    if (h < 1 || w < 1) {
      // the window spans d(k - 1) + 1 input positions; it must fit in H + 2p
      String span = (d[0] * (k[0] - 1) + 1) + "x" + (d[1] * (k[1] - 1) + 1);
      String padded = (s.x().get(1) + 2 * p[0]) + "x" + (s.x().get(2) + 2 * p[1]);
      error(s, Message.SPATIAL_TOO_SMALL, "kernel", "kernel = " + Shapes.pair(k), s.path(),
          s.decl().kind().simpleAnnotation(), s.in().describe(), h + "x" + w, span, padded, s.in().producer());
      return null;
    }
    return Dims.of(channels, h, w);
  }

  private Dims batchNorm(Step s) {
    if (s.x().rank() != 1 && s.x().rank() != 3) {
      rankError(s, "(C) (BatchNorm1d) or (C, H, W) (BatchNorm2d)");
      return null;
    }
    return s.x();
  }

  // tokens (T) -> (T, dim)
  private Dims embedding(Step s) {
    if (!s.in().tokens()) {
      error(s, Message.EMBEDDING_FLOAT, null, "needs token ids", s.path(), s.in().producer(), s.in().describe());
      return null;
    }
    return Dims.of(s.x().get(0), s.a().dim());
  }

  // (T, F) -> (H) or (T, H)
  private Dims recurrent(Step s) {
    if (!rank(s, 2, "a (T, F) sequence")) {
      return null;
    }
    int h = s.a().hidden();
    return s.a().returnSequences() ? Dims.of(s.x().get(0), h) : Dims.of(h);
  }

  // (T, D) -> (T, D); heads | D
  private Dims attention(Step s) {
    if (!rank(s, 2, "a (T, D) sequence")) {
      return null;
    }
    int d = s.x().get(1);
    int heads = s.a().heads();
    if (d % heads != 0) {
      int suggestion = heads;
      while (d % suggestion != 0) {
        suggestion--;
      }
      error(s, Message.HEADS, "heads", "heads = " + heads, s.path(), heads, d, s.in().producer(), suggestion);
      return null;
    }
    return s.x();
  }

  private boolean rank(Step s, int rank, String needs) {
    if (s.x().rank() == rank) {
      return true;
    }
    rankError(s, needs);
    return false;
  }

  private void rankError(Step s, String needs) {
    error(s, Message.RANK, null, "needs " + needs, s.path(), s.decl().kind().simpleAnnotation(), needs,
        s.in().producer(), s.in().describe(), rankFix(s));
  }

  private static String rankFix(Step s) {
    if (LAST_STATE.equals(s.in().origin())) {
      String producer = s.in().producer();
      return s.decl().kind() == StepKind.SEQUENCE_POOL
          ? "Drop this step (" + producer + " already returns the last time step), or set returnSequences = true on "
              + producer + " to pool over every time step."
          : "Set returnSequences = true on " + producer + " to pass on every time step (T, H).";
    }
    return switch (s.decl().kind()) {
      case CONV2D, MAX_POOL2D, AVG_POOL2D, GLOBAL_AVG_POOL ->
          "Declare the input as {C, H, W} and keep image steps before @Flatten.";
      case BATCH_NORM -> s.x().rank() == 2 && s.in().producer().equals("the network input")
          ? "Use @LayerNorm for (T, F) features; for a one-channel image declare the input as {1, H, W}."
          : "Use @LayerNorm for (T, F) features, or place @BatchNorm on (C) or (C, H, W).";
      default -> "Declare @Network(input = {T, F}) (or produce a (T, D) sequence, e.g. with @Embedding) "
          + "before this step, and keep sequence steps before @SequencePool.";
    };
  }


  private void error(Step s, Message m, String attribute, String what, Object... args) {
    String detail = s.table().render(s.path(), s.decl().kind().displayName(), what);
    reporter.errorWithDetail(m, detail, s.decl().method(), s.decl().mirror(),
        attribute == null ? null : s.decl().value(attribute), args);
  }

  private static Dims replaceLast(Dims d, int last) {
    List<Integer> out = new ArrayList<>(d.dims());
    out.set(out.size() - 1, last);
    return new Dims(out);
  }
}
