package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;
import dev.staticnet.processor.model.LayerNode;

/**
 * {@code @BatchNorm} over {@code (C)} (spatial 1) or {@code (C, H, W)} (spatial H·W). Train mode
 * normalises with batch statistics, caches them and updates the running ones; eval mode uses the
 * running statistics. After a foldable {@code @Conv2d} the inference pass skips it: the
 * convolution's folded weights, written by {@link #fold}, already apply it.
 */
final class BatchNormCode implements StepCode {
  private final Op.Layer op;
  private final InferenceFusion.Fold fold;
  private String channels;
  private String spatial;
  private String eps;
  private String momentum;

  /** @param fold the convolution this step folds into for inference, or {@code null} */
  BatchNormCode(Op.Layer op, InferenceFusion.Fold fold) {
    this.op = op;
    this.fold = fold;
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    return n.path() + ": BatchNorm" + (n.input().rank() == 1 ? "1d" : "2d") + (n.attrs().affine() ? "" : " (no affine)")
        + " " + Literals.shape(n.input()) + " -> " + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    String prefix = op.constantPrefix();
    channels = c.intConstant(prefix + "_CHANNELS", n.input().get(0));
    spatial = n.input().rank() == 1 ? "1" : c.intConstant(prefix + "_SPATIAL", n.input().size() / n.input().get(0));
    eps = c.floatConstant(prefix + "_EPS", n.attrs().eps());
    momentum = c.floatConstant(prefix + "_MOMENTUM", n.attrs().momentum());
  }

  private String offset(String tensor) {
    PlacedTensor t = op.tensor(tensor);
    return t == null ? "NO_PARAM" : t.constant();
  }

  @Override
  public void initialise(CodeBlock.Builder code) {
    if (op.tensor("weight") != null) {
      code.addStatement("$T.fill(params, $L, $L, 1f)", RuntimeTypes.INIT, offset("weight"), channels);
      code.addStatement("$T.fill(params, $L, $L, 0f)", RuntimeTypes.INIT, offset("bias"), channels);
    }
    code.addStatement("$T.fill(buffers, $L, $L, 0f)", RuntimeTypes.INIT, offset("running_mean"), channels);
    code.addStatement("$T.fill(buffers, $L, $L, 1f)", RuntimeTypes.INIT, offset("running_var"), channels);
    code.addStatement("counters[$L] = 0", offset("num_batches_tracked"));
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String mean = p.act(op.caches().get(0));
    String rstd = p.act(op.caches().get(1));
    String y = p.act(op.out());
    String folded = fold == null ? null : p.foldFlag();
    p.beginIf("training");
    p.statement("$T.forwardTrain($L, $L, $L, $L, params, $L, $L, buffers, $L, $L, batch, $L, $L, $L, $L)",
        RuntimeTypes.BATCH_NORM, y, mean, rstd, x, offset("weight"), offset("bias"), offset("running_mean"),
        offset("running_var"), channels, spatial, eps, momentum);
    p.statement("counters[$L]++", offset("num_batches_tracked"));
    if (folded == null) {
      p.orElse();
    } else {
      p.orElseIf("!" + folded);
      p.comment("(the inference pass folds this step into $L)", fold.conv().node().path());
    }
    p.statement("$T.forwardEval($L, $L, params, $L, $L, buffers, $L, $L, batch, $L, $L, $L)", RuntimeTypes.BATCH_NORM,
        y, x, offset("weight"), offset("bias"), offset("running_mean"), offset("running_var"), channels, spatial, eps);
    p.end();
  }

  @Override
  public void fold(CodeBlock.Builder code) {
    if (fold == null) {
      return;
    }
    Op.Layer conv = fold.conv();
    PlacedTensor convBias = conv.tensor("bias");
    code.add("// $L + $L: W' = W * s, b' = (b - running_mean) * s + beta, s = gamma / sqrt(running_var + eps)\n",
        conv.node().path(), op.node().path());
    code.addStatement("$T.fold(foldedParams, $L, $L, params, $L, $L, $L, $L, buffers, $L, $L, $L, $L.colRows(), $L)",
        RuntimeTypes.BATCH_NORM_FOLDING, fold.weightConstant(), fold.biasConstant(),
        conv.tensor("weight").constant(), convBias == null ? "NO_PARAM" : convBias.constant(), offset("weight"),
        offset("bias"), offset("running_mean"), offset("running_var"), channels, Conv2dCode.geometryConstant(conv),
        eps);
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String x = p.act(op.in());
    String mean = p.act(op.caches().get(0));
    String rstd = p.act(op.caches().get(1));
    String dx = p.grad(op.in());
    p.beginIf("training");
    p.statement("$T.backward($L, grads, $L, $L, $L, $L, params, $L, $L, batch, $L, $L)", RuntimeTypes.BATCH_NORM, dx,
        dy, x, mean, rstd, offset("weight"), offset("bias"), channels, spatial);
    p.orElse();
    p.statement("$T.backwardEval($L, grads, $L, $L, params, $L, $L, buffers, $L, $L, batch, $L, $L, $L)",
        RuntimeTypes.BATCH_NORM, dx, dy, x, offset("weight"), offset("bias"), offset("running_mean"),
        offset("running_var"), channels, spatial, eps);
    p.end();
  }
}
