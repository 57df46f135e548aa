package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;
import dev.staticnet.processor.model.LayerNode;

/** {@code @PositionalEmbedding}: {@code y[t] = x[t] + weight[t]}, one learned vector per position. */
final class PositionalEmbeddingCode implements StepCode {
  private final Op.Layer op;
  private String steps;
  private String dim;

  PositionalEmbeddingCode(Op.Layer op) {
    this.op = op;
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    return n.path() + ": PositionalEmbedding " + Literals.shape(n.input()) + " -> " + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    steps = c.intConstant(op.constantPrefix() + "_STEPS", n.input().get(0));
    dim = c.intConstant(op.constantPrefix() + "_DIM", n.input().get(1));
  }

  private String weight() {
    return op.tensor("weight").constant();
  }

  @Override
  public void initialise(CodeBlock.Builder code) {
    // GPT-2 style: weight ~ N(0, 0.02)
    code.addStatement("$T.normal(params, $L, $L * $L, 0.02f, rng)", RuntimeTypes.INIT, weight(), steps, dim);
  }

  @Override
  public void forward(Pass p) {
    String x = p.act(op.in());
    String y = p.act(op.out());
    p.statement("$T.forward($L, $L, params, $L, batch, $L, $L)", SequenceTypes.POSITIONAL_EMBEDDING, y, x, weight(),
        steps, dim);
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String dx = p.grad(op.in());
    p.statement("$T.backward($L, grads, $L, $L, batch, $L, $L)", SequenceTypes.POSITIONAL_EMBEDDING, dx, dy, weight(),
        steps, dim);
  }
}
