package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel.InitSpec;
import javax.lang.model.element.Modifier;

/**
 * {@code @Conv2d}: {@code y = conv(x, W) + b} on {@code (C, H, W)} images through
 * {@code Conv2dKernel} (im2col + GEMM, or the depthwise kernel), its geometry held in a
 * {@code <STEP>_GEOMETRY} constant; an optional fused activation writes into a second slot. When a
 * BatchNorm folds into it ({@link InferenceFusion.Fold}), the inference pass convolves with the
 * folded weights straight into the BatchNorm's (or its ReLU's) output instead.
 */
final class Conv2dCode implements StepCode {
  private final Op.Layer op;
  private final InitSpec init;
  private final String activation;
  private final InferenceFusion.Fold fold;
  private String geometry;
  private String slope;

  /**
   * @param init the {@code @Init} override in force for this step, or {@code null} for PyTorch's default
   * @param fold the BatchNorm folded into this convolution for inference, or {@code null}
   */
  Conv2dCode(Op.Layer op, InitSpec init, InferenceFusion.Fold fold) {
    this.op = op;
    this.init = init;
    this.activation = op.node().attrs().activation();
    this.fold = fold;
  }

  /** The {@code ConvGeometry} constant of a Conv2d step. */
  static String geometryConstant(Op.Layer conv) {
    return conv.constantPrefix() + "_GEOMETRY";
  }

  private boolean fused() {
    return !activation.equals("NONE");
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    Attrs a = n.attrs();
    StringBuilder sb = new StringBuilder(n.path()).append(": Conv2d ").append(a.kernel()[0]).append('x')
        .append(a.kernel()[1]);
    if (a.stride()[0] != 1 || a.stride()[1] != 1) {
      sb.append(", stride ").append(pair(a.stride()));
    }
    if (a.padding()[0] != 0 || a.padding()[1] != 0) {
      sb.append(", padding ").append(pair(a.padding()));
    }
    if (a.dilation()[0] != 1 || a.dilation()[1] != 1) {
      sb.append(", dilation ").append(pair(a.dilation()));
    }
    if (a.groups() != 1) {
      sb.append(", groups ").append(a.groups());
    }
    if (!a.bias()) {
      sb.append(", no bias");
    }
    if (fused()) {
      sb.append(" + ").append(ActivationCall.displayName(activation));
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
    String prefix = op.constantPrefix();
    geometry = geometryConstant(op);
    // (inC, inH, inW, outC, kh, kw, sh, sw, ph, pw, dh, dw, groups)
    c.add(FieldSpec.builder(RuntimeTypes.CONV_GEOMETRY, geometry, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("new $T($L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", RuntimeTypes.CONV_GEOMETRY,
            n.input().get(0), n.input().get(1), n.input().get(2), a.out(), a.kernel()[0], a.kernel()[1],
            a.stride()[0], a.stride()[1], a.padding()[0], a.padding()[1], a.dilation()[0], a.dilation()[1],
            a.groups()));
    if (fused()) {
      slope = ActivationCall.slopeConstant(c, activation, prefix, a.slope());
    }
  }

  private String weight() {
    return op.tensor("weight").constant();
  }

  private String bias() {
    PlacedTensor b = op.tensor("bias");
    return b == null ? "NO_PARAM" : b.constant();
  }

  @Override
  public void initialise(CodeBlock.Builder code) {
    PlacedTensor bias = op.tensor("bias");
    // fan_in = in/groups · kh · kw: the im2col rows of one group
    String fanIn = geometry + ".colRows()";
    String weights = geometry + ".weightCount()";
    String channels = geometry + ".outC";
    if (init == null) {
      // PyTorch: weight and bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
      code.addStatement("$T.uniform(params, $L, $L, (float) (1 / $T.sqrt($L)), rng)", RuntimeTypes.INIT, weight(),
          weights, Math.class, fanIn);
      if (bias != null) {
        code.addStatement("$T.uniform(params, $L, $L, (float) (1 / $T.sqrt($L)), rng)", RuntimeTypes.INIT,
            bias.constant(), channels, Math.class, fanIn);
      }
    } else {
      // fan_out = out · kh · kw
      code.addStatement("$T.apply($T.$L, params, $L, $L, $L, $L, $L, rng)", RuntimeTypes.INIT,
          RuntimeTypes.INIT_SCHEME, init.scheme(), weight(), weights, fanIn,
          Literals.integer(op.tensor("weight").spec().fanOut()), Literals.floating(init.std()));
      if (bias != null) {
        code.addStatement("$T.fill(params, $L, $L, 0f)", RuntimeTypes.INIT, bias.constant(), channels);
      }
    }
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    if (fused()) {
      String pre = p.act(op.pre());
      String y = p.act(op.out());
      p.statement("$T.forward($L, $L, params, $L, $L, $L, batch)", RuntimeTypes.CONV2D, pre, x, weight(), bias(),
          geometry);
      ActivationCall.forward(p, activation, y, pre, "batch * " + geometry + ".outSize()", slope);
    } else if (fold != null) {
      String y = p.act(op.out());
      String folded = p.act(fold.out());
      p.beginIf(p.foldFlag());
      p.comment("inference: $L as one convolution (weights from computeFoldedParams)", foldedSteps());
      p.statement("$T.$L($L, $L, foldedParams, $L, $L, $L, batch)", RuntimeTypes.CONV2D,
          fold.relu() != null ? "forwardRelu" : "forward", folded, x, fold.weightConstant(), fold.biasConstant(),
          geometry);
      p.orElse();
      p.statement("$T.forward($L, $L, params, $L, $L, $L, batch)", RuntimeTypes.CONV2D, y, x, weight(), bias(),
          geometry);
      p.end();
    } else {
      String y = p.act(op.out());
      p.statement("$T.forward($L, $L, params, $L, $L, $L, batch)", RuntimeTypes.CONV2D, y, x, weight(), bias(),
          geometry);
    }
  }

  /** {@code c1 + bn1 + relu1}. */
  private String foldedSteps() {
    return op.node().path() + " + " + fold.norm().node().path()
        + (fold.relu() != null ? " + " + fold.relu().node().path() : "");
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    if (fused()) {
      String pre = p.act(op.pre());
      String y = p.act(op.out());
      String dPre = p.grad(op.pre());
      ActivationCall.backward(p, activation, dPre, dy, pre, y, "batch * " + geometry + ".outSize()", slope,
          p.gradientWrite(op.pre()));
      dy = dPre;
    }
    String x = p.act(op.in());
    String dx = p.grad(op.in());
    p.statement("$T.backward($L, grads, $L, $L, params, $L, $L, $L, batch$L)", RuntimeTypes.CONV2D, dx, dy, x, weight(),
        bias(), geometry, p.gradientWrite(op.in()));
  }
}
