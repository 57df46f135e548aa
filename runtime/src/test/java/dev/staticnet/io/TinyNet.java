package dev.staticnet.io;

import dev.staticnet.GeneratedModel;
import dev.staticnet.InputKind;
import dev.staticnet.Loss;
import dev.staticnet.ModelSpec;
import dev.staticnet.Shape;
import dev.staticnet.Workspace;
import dev.staticnet.train.Rng;

/**
 * A hand-written stand-in for a generated model (the annotation processor does not run on runtime
 * tests): {@code fc} = Linear(4 → 3) trained on MSE, plus BatchNorm-like tensors {@code bn.*} whose
 * running mean follows the output and whose counter counts training batches, as BatchNorm's do.
 * {@code hidden} changes fc's output width, for architecture-mismatch tests.
 */
final class TinyNet extends GeneratedModel {
  private final int out;

  TinyNet(long seed) {
    this(seed, 3);
  }

  TinyNet(long seed, int out) {
    super(spec(out), seed);
    this.out = out;
  }

  static ModelSpec spec(int out) {
    return ModelSpec.builder("io.TinyNet", Shape.of(4), Shape.of(out), InputKind.FLOAT, Loss.MSE)
        .param("fc.weight", 0, out, 4)
        .param("fc.bias", 4 * out, out)
        .buffer("bn.running_mean", 0, out)
        .buffer("bn.running_var", out, out)
        .counter("bn.num_batches_tracked", 0)
        .layer("fc", "Linear", new int[] {out}, 5L * out)
        .slot(1, out, 0)
        .build();
  }

  @Override
  protected void initialise(Rng rng) {
    for (int i = 0; i < params.length; i++) {
      params[i] = rng.uniform(-0.5f, 0.5f);
    }
    for (int i = 0; i < out; i++) {
      buffers[out + i] = 1f; // running_var starts at 1, as BatchNorm's
    }
  }

  @Override
  protected void forward(Workspace ws, boolean training) {
    float[] x = ws.act[0]; // (B, 4)
    float[] y = ws.act[1]; // (B, out)
    for (int b = 0; b < ws.batch; b++) {
      for (int o = 0; o < out; o++) {
        float s = params[4 * out + o];
        for (int i = 0; i < 4; i++) {
          s += params[o * 4 + i] * x[b * 4 + i];
        }
        y[b * out + o] = s;
      }
    }
    if (training) {
      counters[0]++;
      for (int o = 0; o < out; o++) {
        float mean = 0;
        for (int b = 0; b < ws.batch; b++) {
          mean += y[b * out + o];
        }
        buffers[o] = 0.9f * buffers[o] + 0.1f * mean / ws.batch;
      }
    }
  }

  @Override
  protected void backward(Workspace ws, boolean training) {
    float[] x = ws.act[0];
    float[] dy = ws.grad[1]; // (B, out)
    for (int b = 0; b < ws.batch; b++) {
      for (int o = 0; o < out; o++) {
        float d = dy[b * out + o];
        grads[4 * out + o] += d;
        for (int i = 0; i < 4; i++) {
          grads[o * 4 + i] += d * x[b * 4 + i];
        }
      }
    }
  }
}
