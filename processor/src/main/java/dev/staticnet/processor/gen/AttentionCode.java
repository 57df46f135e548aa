package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;
import dev.staticnet.processor.model.LayerNode;

/**
 * {@code @MultiHeadAttention}: self-attention over {@code (T, D)} with PyTorch's
 * {@code in_proj_weight} (q; k; v stacked), {@code in_proj_bias}, {@code out_proj.weight},
 * {@code out_proj.bias}; the kernel keeps Q, K, V and the attention probabilities in the step's cache.
 */
final class AttentionCode implements StepCode {
  private final Op.Layer op;
  private String steps;
  private String dim;
  private String heads;
  private String causal;

  AttentionCode(Op.Layer op) {
    this.op = op;
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    StringBuilder variant = new StringBuilder();
    if (n.attrs().causal()) {
      variant.append(", causal");
    }
    if (!n.attrs().bias()) {
      variant.append(", no bias");
    }
    if (!n.attrs().outProjection()) {
      variant.append(", no out projection");
    }
    return n.path() + ": MultiheadAttention, " + n.attrs().heads() + " heads" + variant + " "
        + Literals.shape(n.input()) + " -> " + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    String prefix = op.constantPrefix();
    steps = c.intConstant(prefix + "_STEPS", n.input().get(0));
    dim = c.intConstant(prefix + "_DIM", n.input().get(1));
    heads = c.intConstant(prefix + "_HEADS", n.attrs().heads());
    causal = BooleanConstants.add(c, prefix + "_CAUSAL", n.attrs().causal());
  }

  private String tensor(String name) {
    PlacedTensor t = op.tensor(name);
    return t == null ? "NO_PARAM" : t.constant();
  }

  @Override
  public void initialise(CodeBlock.Builder code) {
    // PyTorch: in_proj_weight Xavier-uniform over (3D, D), biases 0, out_proj.weight ~ U(-1/sqrt(D), 1/sqrt(D))
    code.addStatement("$T.apply($T.XAVIER_UNIFORM, params, $L, 3 * $L * $L, $L, 3 * $L, 0f, rng)", RuntimeTypes.INIT,
        RuntimeTypes.INIT_SCHEME, tensor("in_proj_weight"), dim, dim, dim, dim);
    if (op.tensor("in_proj_bias") != null) {
      code.addStatement("$T.fill(params, $L, 3 * $L, 0f)", RuntimeTypes.INIT, tensor("in_proj_bias"), dim);
    }
    if (op.tensor("out_proj.weight") != null) {
      code.addStatement("$T.uniform(params, $L, $L * $L, (float) (1 / $T.sqrt($L)), rng)", RuntimeTypes.INIT,
          tensor("out_proj.weight"), dim, dim, Math.class, dim);
    }
    if (op.tensor("out_proj.bias") != null) {
      code.addStatement("$T.fill(params, $L, $L, 0f)", RuntimeTypes.INIT, tensor("out_proj.bias"), dim);
    }
  }

  private CodeBlock offsetsAndSizes() {
    return CodeBlock.of("params, $L, $L, $L, $L, batch, $L, $L, $L, $L", tensor("in_proj_weight"),
        tensor("in_proj_bias"), tensor("out_proj.weight"), tensor("out_proj.bias"), steps, dim, heads, causal);
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String cache = p.act(op.caches().get(0));
    String y = p.act(op.out());
    p.statement("$T.forward(ws.packedWeights(), $L, $L, $L, $L)", SequenceTypes.ATTENTION, y, cache, x,
        offsetsAndSizes());
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String x = p.act(op.in());
    String cache = p.act(op.caches().get(0));
    String dx = p.grad(op.in());
    p.statement("$T.backward($L, grads, $L, $L, $L, $L)", SequenceTypes.ATTENTION, dx, dy, x, cache, offsetsAndSizes());
  }
}
