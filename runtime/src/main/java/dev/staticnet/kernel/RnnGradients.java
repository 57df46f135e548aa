package dev.staticnet.kernel;

import java.util.Arrays;

/**
 * The parameter and input gradients that close a recurrent backward pass, once the gradients of the
 * gate pre-activations {@code dG (batch, steps, G)} of every step are known ({@code G} = gates·hidden).
 * Each is one GEMM over all {@code batch·steps} rows.
 */
final class RnnGradients {
  private RnnGradients() {}

  /**
   * Input side: {@code dW_ih += dGᵀ·x}, {@code db_ih += Σ dG}, {@code dx += dG·W_ih}.
   * dG (batch·steps, G) at {@code dg[dgOff]}; x (batch·steps, in).
   */
  static void input(float[] dx, float[] dparams, float[] dg, int dgOff, float[] x, float[] params,
                    int wIhOff, int bIhOff, int rows, int in, int g) {
    if (dparams != null) {
      Gemm.gemm(true, false, g, in, rows, dg, dgOff, g, x, 0, in, 1f, dparams, wIhOff, in);
      SeqMath.addColumnSums(dparams, bIhOff, dg, dgOff, rows, g, g);
    }
    if (dx != null) {
      Gemm.gemm(false, false, rows, in, g, dg, dgOff, g, params, wIhOff, in, 1f, dx, 0, in);
    }
  }

  /**
   * Recurrent side: {@code db_hh += Σ dG} and {@code dW_hh += Σ_{b, t≥1} dG[b, t]ᵀ·h[b, t−1]}
   * (h_{−1} = 0). The second is one GEMM pairing flat row r of dG with row r − 1 of h, after the
   * t = 0 rows of dG (which would pair with the previous sample's last state) are zeroed, so this
   * call destroys those rows: run it last.
   */
  static void recurrent(float[] dparams, float[] dg, int dgOff, float[] h, int hOff, int wHhOff, int bHhOff,
                        int batch, int steps, int hidden, int g) {
    if (dparams == null) {
      return;
    }
    int rows = batch * steps;
    SeqMath.addColumnSums(dparams, bHhOff, dg, dgOff, rows, g, g);
    for (int b = 0; b < batch; b++) {
      int first = dgOff + b * steps * g;
      Arrays.fill(dg, first, first + g, 0f);
    }
    if (rows > 1) {
      Gemm.gemm(true, false, g, hidden, rows - 1, dg, dgOff + g, g, h, hOff, hidden, 1f, dparams, wHhOff, hidden);
    }
  }
}
