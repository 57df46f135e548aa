package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;
import dev.staticnet.processor.model.LayerNode;

/**
 * {@code @Embedding}: {@code y[t] = weight[ids[t]]} on the network's token ids (floats holding
 * integers). The kernel rejects an id outside {@code [0, vocab)} before writing anything; the ids
 * have no gradient, so the backward pass only scatters into {@code weight}.
 */
final class EmbeddingCode implements StepCode {
  private final Op.Layer op;
  private String steps;
  private String vocab;
  private String dim;

  EmbeddingCode(Op.Layer op) {
    this.op = op;
  }

  @Override
  public String description() {
    LayerNode n = op.node();
    return n.path() + ": Embedding of " + n.attrs().vocab() + " tokens " + Literals.shape(n.input()) + " -> "
        + Literals.shape(n.output());
  }

  @Override
  public void constants(Constants c) {
    LayerNode n = op.node();
    String prefix = op.constantPrefix();
    steps = c.intConstant(prefix + "_STEPS", n.input().get(0));
    vocab = c.intConstant(prefix + "_VOCAB", n.attrs().vocab());
    dim = c.intConstant(prefix + "_DIM", n.attrs().dim());
  }

  private String weight() {
    return op.tensor("weight").constant();
  }

  @Override
  public void initialise(CodeBlock.Builder code) {
    // PyTorch: weight ~ N(0, 1)
    code.addStatement("$T.normal(params, $L, $L * $L, 1f, rng)", RuntimeTypes.INIT, weight(), vocab, dim);
  }

  @Override
  public void forward(Pass p) {
    String ids = p.act(op.in());
    String y = p.act(op.out());
    p.statement("$T.forward($L, $L, params, $L, batch, $L, $L, $L)", SequenceTypes.EMBEDDING, y, ids, weight(), steps,
        vocab, dim);
  }

  @Override
  public void backward(Pass p) {
    String dy = p.grad(op.out());
    String ids = p.act(op.in());
    p.statement("$T.backward(grads, $L, $L, $L, batch, $L, $L, $L)", SequenceTypes.EMBEDDING, dy, ids, weight(), steps,
        vocab, dim);
  }
}
