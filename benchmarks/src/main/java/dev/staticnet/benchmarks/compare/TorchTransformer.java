package dev.staticnet.benchmarks.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.staticnet.Parameters;
import dev.staticnet.benchmarks.TinyTransformer;
import dev.staticnet.benchmarks.torch.Torch;

/**
 * {@link TinyTransformer} in libtorch: embedding + learned positions, two pre-norm blocks of causal
 * multi-head attention (in_proj linear, split into heads, {@code softmax(Q·Kᵀ/√dₕ + mask)·V}, out_proj — the
 * maths of {@code nn.MultiheadAttention}) and a GELU MLP, final layer_norm, linear head.
 */
public final class TorchTransformer extends TorchNet {
  private static final int T = TinyTransformer.CONTEXT;
  private static final int D = TinyTransformer.WIDTH;
  private static final int HEADS = 4;
  private static final int HEAD_DIM = D / HEADS;

  private final NDArray causalMask; // (T, T): 0 on and below the diagonal, −∞ above

  public TorchTransformer(Parameters source, float lr) {
    super(source, lr, T);
    float[] mask = new float[T * T];
    for (int i = 0; i < T; i++) {
      for (int j = i + 1; j < T; j++) {
        mask[i * T + j] = Float.NEGATIVE_INFINITY;
      }
    }
    causalMask = manager().create(mask, new Shape(T, T));
  }

  /** Token ids arrive as floats (DSL.md); the embedding needs them as int64. */
  @Override
  protected NDArray input(NDManager step, float[] input, int batch) {
    long[] ids = new long[input.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (long) input[i];
    }
    return step.create(ids, new Shape(batch, T));
  }

  @Override
  protected NDArray forward(NDArray ids, boolean training) {
    NDArray x = Torch.embedding(ids, tensor("embed.weight")).add(tensor("pos.weight")); // (B, T, D)
    for (int b = 0; b < 2; b++) {
      String block = "blocks." + b;
      x = x.add(attention(layerNorm(x, block + ".attention.norm", D), block + ".attention.attn"));
      String ff = block + ".feedForward";
      x = x.add(linear(Torch.gelu(linear(layerNorm(x, ff + ".norm", D), ff + ".fc1")), ff + ".fc2"));
    }
    return linear(layerNorm(x, "norm", D), "head"); // (B, T, V)
  }

  /** Causal self-attention of {@code x} (B, T, D) with {@code step}'s in_proj and out_proj. */
  private NDArray attention(NDArray x, String step) {
    long batch = x.getShape().get(0);
    NDArray qkv = Torch.linear(x, tensor(step + ".in_proj_weight"), tensor(step + ".in_proj_bias")); // (B, T, 3D)
    NDList parts = qkv.split(3, 2);
    NDArray q = heads(parts.get(0), batch);                                     // (B, H, T, dh)
    NDArray k = heads(parts.get(1), batch);
    NDArray v = heads(parts.get(2), batch);
    NDArray scores = Torch.matmul(q, k.swapAxes(2, 3)).mul(1 / Math.sqrt(HEAD_DIM)).add(causalMask); // (B, H, T, T)
    NDArray context = Torch.matmul(Torch.softmax(scores), v);                  // (B, H, T, dh)
    NDArray merged = context.swapAxes(1, 2).reshape(batch, T, D);              // (B, T, D)
    return Torch.linear(merged, tensor(step + ".out_proj.weight"), tensor(step + ".out_proj.bias"));
  }

  /** (B, T, D) → (B, H, T, dh). */
  private static NDArray heads(NDArray a, long batch) {
    return a.reshape(batch, T, HEADS, HEAD_DIM).swapAxes(1, 2);
  }
}
