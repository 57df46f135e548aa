package dev.staticnet.processor.gen;

import com.palantir.javapoet.FieldSpec;
import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.StepKind;
import javax.lang.model.element.Modifier;

/**
 * {@code @MaxPool2d} and {@code @AvgPool2d} on {@code (C, H, W)} through {@code Pool2dKernel}, the
 * window held in a {@code <STEP>_GEOMETRY} constant. Max pooling's backward recomputes each
 * window's argmax from the input, so the step caches nothing.
 */
final class PoolCode implements StepCode {
  private final Op.Layer op;
  private final boolean max;
  private String geometry;

  PoolCode(Op.Layer op) {
    this.op = op;
    this.max = op.node().kind() == StepKind.MAX_POOL2D;
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    Attrs a = n.attrs();
    StringBuilder sb = new StringBuilder(n.path()).append(max ? ": MaxPool2d " : ": AvgPool2d ")
        .append(a.kernel()[0]).append('x').append(a.kernel()[1]);
    if (a.stride()[0] != a.kernel()[0] || a.stride()[1] != a.kernel()[1]) {
      sb.append(", stride ").append(pair(a.stride()));
    }
    if (a.padding()[0] != 0 || a.padding()[1] != 0) {
      sb.append(", padding ").append(pair(a.padding()));
    }
    return sb.append(' ').append(Literals.shape(n.input())).append(" -> ").append(Literals.shape(n.output()))
        .toString();
  }

  private static String pair(int[] v) {
    return v[0] == v[1] ? Integer.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    Attrs a = n.attrs();
    geometry = op.constantPrefix() + "_GEOMETRY";
    // (c, h, w, kh, kw, sh, sw, ph, pw)
    c.add(FieldSpec.builder(RuntimeTypes.POOL_GEOMETRY, geometry, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("new $T($L, $L, $L, $L, $L, $L, $L, $L, $L)", RuntimeTypes.POOL_GEOMETRY, n.input().get(0),
            n.input().get(1), n.input().get(2), a.kernel()[0], a.kernel()[1], a.stride()[0], a.stride()[1],
            a.padding()[0], a.padding()[1]));
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String y = p.act(op.out());
    p.statement("$T.$L($L, $L, $L, batch)", RuntimeTypes.POOL2D, max ? "maxForward" : "avgForward", y, x, geometry);
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String dx = p.grad(op.in());
    String x = max ? p.act(op.in()) : null;
    boolean guarded = p.guardInputGradient(op.in());
    if (max) {
      p.statement("$T.maxBackward($L, $L, $L, $L, batch$L)", RuntimeTypes.POOL2D, dx, dy, x, geometry,
          p.gradientWrite(op.in()));
    } else {
      p.statement("$T.avgBackward($L, $L, $L, batch$L)", RuntimeTypes.POOL2D, dx, dy, geometry,
          p.gradientWrite(op.in()));
    }
    if (guarded) {
      p.end();
    }
  }
}
