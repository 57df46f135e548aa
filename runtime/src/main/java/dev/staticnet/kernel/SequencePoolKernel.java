package dev.staticnet.kernel;

import dev.staticnet.PoolMode;

/**
 * Reduces the time axis: {@code x (batch, steps, dim) -> y (batch, dim)} by {@link PoolMode}
 * {@code MEAN}, {@code LAST} ({@code t = steps − 1}), {@code FIRST} ({@code t = 0}) or {@code MAX}
 * (element-wise over t). No parameters, no cache: the backward of {@code MAX} finds the arg-max
 * again in {@code x} and sends the gradient to the first maximum over t.
 *
 * <pre>
 * SequencePoolKernel.forward(mode, y, x, batch, steps, dim);
 * SequencePoolKernel.backward(mode, dx, dy, x, batch, steps, dim);   // dx += ∂y/∂x · dy
 * </pre>
 */
public final class SequencePoolKernel {
  private SequencePoolKernel() {}

  /** {@code y (batch, dim)} = the {@code mode} reduction of {@code x (batch, steps, dim)} over t. */
  public static void forward(PoolMode mode, float[] y, float[] x, int batch, int steps, int dim) {
    for (int b = 0; b < batch; b++) {
      int xb = b * steps * dim; // x[b] (steps, dim)
      int yb = b * dim;
      switch (mode) {
        case FIRST -> System.arraycopy(x, xb, y, yb, dim);
        case LAST -> System.arraycopy(x, xb + (steps - 1) * dim, y, yb, dim);
        case MEAN -> {
          for (int j = 0; j < dim; j++) {
            float sum = 0f;
            for (int t = 0; t < steps; t++) {
              sum += x[xb + t * dim + j];
            }
            y[yb + j] = sum / steps;
          }
        }
        case MAX -> {
          for (int j = 0; j < dim; j++) {
            y[yb + j] = x[xb + firstMax(x, xb + j, steps, dim) * dim + j];
          }
        }
      }
    }
  }

  /** {@code dx (batch, steps, dim) += ∂y/∂x · dy (batch, dim)}; for MAX only the first maximum gets it. */
  public static void backward(PoolMode mode, float[] dx, float[] dy, float[] x, int batch, int steps, int dim) {
    for (int b = 0; b < batch; b++) {
      int xb = b * steps * dim;
      int yb = b * dim;
      for (int j = 0; j < dim; j++) {
        float g = dy[yb + j];
        switch (mode) {
          case FIRST -> dx[xb + j] += g;
          case LAST -> dx[xb + (steps - 1) * dim + j] += g;
          case MEAN -> {
            float share = g / steps;
            for (int t = 0; t < steps; t++) {
              dx[xb + t * dim + j] += share;
            }
          }
          case MAX -> dx[xb + firstMax(x, xb + j, steps, dim) * dim + j] += g;
        }
      }
    }
  }

  /** Time index of the first maximum of x[from + t·stride], t in [0, steps); NaN wins as in PyTorch. */
  private static int firstMax(float[] x, int from, int steps, int stride) {
    int best = 0;
    float max = x[from];
    for (int t = 1; t < steps && !Float.isNaN(max); t++) {
      float v = x[from + t * stride];
      if (v > max || Float.isNaN(v)) {
        max = v;
        best = t;
      }
    }
    return best;
  }
}
