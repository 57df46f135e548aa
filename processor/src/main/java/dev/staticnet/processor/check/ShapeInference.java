package dev.staticnet.processor.check;

import dev.staticnet.processor.diag.Message;
import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.BlockNode;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel.InitSpec;
import dev.staticnet.processor.model.Node;
import dev.staticnet.processor.model.ParamSpec;
import dev.staticnet.processor.model.StepKind;
import dev.staticnet.processor.parse.BlockDecl;
import dev.staticnet.processor.parse.ExpectDecl;
import dev.staticnet.processor.parse.LayerDecl;
import dev.staticnet.processor.parse.NetworkDecl;
import dev.staticnet.processor.parse.StepDecl;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the declared steps in order, feeding each step's output to the next, and builds the
 * resolved {@link Node} tree: blocks inlined with dotted paths, {@code @Repeat} copies named
 * {@code step.i}, residual branches checked, {@code @ExpectShape} checked, tensors listed.
 *
 * <p>No cascade: once a step fails, its output is unknown (null) and every step after it is
 * inferred without checks, so one mistake gives one error. The nodes built then carry null shapes
 * and must not leave this package: the caller discards them when {@link Result#complete()} is false.
 */
public final class ShapeInference {
  private final Reporter reporter;
  private final LayerShapes layers;
  private ShapeTable table;

  public ShapeInference(Reporter reporter) {
    this.reporter = reporter;
    this.layers = new LayerShapes(reporter);
  }

  /**
   * The nodes and whether every shape is known.
   *
   * @param complete true when no step failed: every node has its shapes and tensors
   */
  public record Result(List<Node> steps, boolean complete) {}

  public Result infer(NetworkDecl network) {
    Flow input = network.input() == null ? new Flow(null, "the network input", null, false)
        : Flow.input(network.input(), network.tokens());
    table = new ShapeTable(Shapes.text(network.input()) + (network.tokens() ? " token ids" : ""));
    List<Node> nodes = new ArrayList<>();
    Flow out = steps(network.steps(), "", input, null, nodes);
    return new Result(nodes, out.known() && allKnown(nodes));
  }

  /** @param init the innermost enclosing block's {@code @Init}, or null */
  private Flow steps(List<StepDecl> decls, String prefix, Flow in, InitSpec init, List<Node> into) {
    Flow flow = in;
    for (StepDecl d : decls) {
      flow = d instanceof LayerDecl layer ? layer(layer, prefix + layer.name(), flow, init, into)
          : block((BlockDecl) d, prefix + d.name(), flow, init, into);
    }
    return flow;
  }

  private Flow layer(LayerDecl d, String path, Flow in, InitSpec init, List<Node> into) {
    Dims out = d.valid() && in.known() ? layers.output(d, path, in, table) : null;
    List<ParamSpec> params = out == null ? List.of() : ParamSpecs.of(d.kind(), d.attrs(), in.dims(), out);
    Attrs attrs = init == null || !d.attrs().initScheme().equals("DEFAULT") ? d.attrs() : withInit(d.attrs(), init);
    into.add(new LayerNode(path, d.kind(), attrs, in.dims(), out, params, d.method()));
    boolean flattened = d.kind() == StepKind.FLATTEN && in.known() && in.dims().rank() > 1;
    String origin = flattened ? "flattened from " + in.dims() : lastStateOnly(d) ? LayerShapes.LAST_STATE : null;
    String shape = Shapes.text(out) + (flattened ? " (= " + in.dims() + ")" : "");
    Dims checked = expect(d.expect(), path, d.kind().displayName(), d, out);
    table.add(path, d.kind().displayName(), shape);
    return new Flow(checked, "'" + path + "'", origin, false);
  }

  /** A recurrent step that passes on only its last hidden state (returnSequences = false). */
  private static boolean lastStateOnly(LayerDecl d) {
    boolean recurrent = d.kind() == StepKind.RNN || d.kind() == StepKind.LSTM || d.kind() == StepKind.GRU;
    return recurrent && !d.attrs().returnSequences();
  }

  private Flow block(BlockDecl d, String path, Flow in, InitSpec outerInit, List<Node> into) {
    Flow flow = in;
    InitSpec init = d.init() != null ? d.init() : outerInit;
    int copies = d.repeatMirror() == null ? 1 : d.repeat();
    for (int i = 0; i < copies; i++) {
      String copyPath = d.repeatMirror() == null ? path : path + "." + i;
      flow = blockCopy(d, copyPath, flow, init, into);
    }
    Dims out = expect(d.expect(), path, "block", d, flow.dims());
    return new Flow(out, flow.producer(), flow.origin(), false);
  }

  private Flow blockCopy(BlockDecl d, String path, Flow in, InitSpec init, List<Node> into) {
    if (!d.valid()) {
      into.add(new BlockNode(path, in.dims(), null, List.of(), false, List.of(), "NONE", d.method()));
      return new Flow(null, "'" + path + "'", null, false);
    }
    List<Node> body = new ArrayList<>();
    Flow bodyOut = steps(d.body(), path + ".", in, init, body);
    List<Node> shortcut = new ArrayList<>();
    Dims out = bodyOut.dims();
    String activation = "NONE";
    if (d.residual() != null) {
      activation = d.residual().activation();
      Flow skip = d.residual().shortcutType() == null ? in
          : steps(d.residual().shortcut(), path + ".shortcut.", in, init, shortcut);
      if (out != null && skip.known() && !out.equals(skip.dims())) {
        String skipName = d.residual().shortcutType() == null ? "the identity shortcut"
            : "the shortcut " + d.residual().shortcutType().getSimpleName();
        String detail = table.render(path, "residual add", Shapes.text(out) + " + " + Shapes.text(skip.dims()));
        reporter.errorWithDetail(Message.RESIDUAL_MISMATCH, detail, d.method(), d.residual().mirror(), null, path,
            Shapes.text(out), skipName, Shapes.text(skip.dims()), Shapes.text(in.dims()));
        out = null;
      } else if (!skip.known()) {
        out = null;
      }
    }
    into.add(new BlockNode(path, in.dims(), out, body, d.residual() != null, shortcut, activation, d.method()));
    return new Flow(out, "'" + path + "'", null, false);
  }

  /** Checks an {@code @ExpectShape}; a mismatch makes the output unknown (no cascade). */
  private Dims expect(ExpectDecl e, String path, String kind, StepDecl d, Dims out) {
    if (e == null || out == null || e.dims().equals(out)) {
      return out;
    }
    String detail = table.render(path, kind, Shapes.text(out) + ", but @ExpectShape says " + Shapes.text(e.dims()));
    reporter.errorWithDetail(Message.EXPECT_SHAPE, detail, d.method(), e.mirror(), e.value(), path,
        Shapes.braces(e.dims()), Shapes.text(out), Shapes.braces(out));
    return null;
  }

  /** {@code a} with a block's {@code @Init} (the layer has none of its own). */
  private static Attrs withInit(Attrs a, InitSpec init) {
    return new Attrs(a.out(), a.in(), a.bias(), a.activation(), a.kernel(), a.stride(), a.padding(), a.dilation(),
        a.groups(), a.eps(), a.momentum(), a.affine(), a.p(), a.slope(), a.vocab(), a.dim(), a.hidden(),
        a.nonlinearity(), a.returnSequences(), a.heads(), a.causal(), a.outProjection(), a.poolMode(), init.scheme(),
        init.std());
  }

  private static boolean allKnown(List<Node> nodes) {
    for (Node n : nodes) {
      if (n.output() == null || n.input() == null) {
        return false;
      }
      if (n instanceof BlockNode b && !(allKnown(b.body()) && allKnown(b.shortcut()))) {
        return false;
      }
    }
    return true;
  }
}
