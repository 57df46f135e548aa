package dev.staticnet.benchmarks.oracle;

import static dev.staticnet.benchmarks.oracle.Data.gaussian;
import static dev.staticnet.benchmarks.oracle.Data.slice;
import static dev.staticnet.benchmarks.oracle.TensorCheck.check;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.staticnet.Activation;
import dev.staticnet.benchmarks.torch.Torch;
import dev.staticnet.kernel.AttentionKernel;
import dev.staticnet.kernel.Conv2dKernel;
import dev.staticnet.kernel.ConvGeometry;
import dev.staticnet.kernel.GruKernel;
import dev.staticnet.kernel.LstmKernel;
import dev.staticnet.kernel.Pool2dKernel;
import dev.staticnet.kernel.PoolGeometry;
import dev.staticnet.kernel.RnnKernel;
import dev.staticnet.train.Rng;
import org.junit.jupiter.api.Test;

/**
 * Property tests over layer attributes: the attributes of a generated network are compile-time annotations,
 * so each draw calls the runtime kernels the generated code calls ({@code dev.staticnet.kernel}) with sizes and
 * attributes drawn from a fixed seed — conv kernel/stride/padding/dilation/groups (depthwise included),
 * bias; pool windows, strides and padding; recurrent hidden size, input size and sequence length; attention
 * heads, width, sequence length, causal mask, bias and out projection — and compares forward output and the
 * backward pass (vector-Jacobian product with a random dy: dx and every parameter gradient) with libtorch's
 * autograd. A failure message names the trial and its attributes; rerun one by its seed.
 */
class KernelPropertyOracleTest {
  static final int TRIALS = 30;
  static final double FWD = 1e-4;
  static final double GRAD = 1e-3;

  @Test
  void conv2dRandomAttributes() {
    Rng draw = new Rng(501);
    for (int trial = 0; trial < TRIALS; trial++) {
      int groups = 1 + draw.nextInt(3);
      boolean depthwise = draw.nextInt(4) == 0;
      int inC = depthwise ? groups : groups * (1 + draw.nextInt(3));
      int outC = depthwise ? groups * (1 + draw.nextInt(2)) : groups * (1 + draw.nextInt(3));
      int kh = 1 + draw.nextInt(5);
      int kw = 1 + draw.nextInt(5);
      int sh = 1 + draw.nextInt(3);
      int sw = 1 + draw.nextInt(3);
      int dh = 1 + draw.nextInt(3);
      int dw = 1 + draw.nextInt(3);
      int ph = draw.nextInt(3);
      int pw = draw.nextInt(3);
      int h = Math.max(1, dh * (kh - 1) + 1 - 2 * ph) + draw.nextInt(9);
      int w = Math.max(1, dw * (kw - 1) + 1 - 2 * pw) + draw.nextInt(9);
      int batch = 1 + draw.nextInt(3);
      boolean bias = draw.nextInt(3) > 0;
      ConvGeometry g = new ConvGeometry(inC, h, w, outC, kh, kw, sh, sw, ph, pw, dh, dw, groups);
      String name = String.format("conv trial %d: batch %d, %dx%dx%d -> %d, kernel %dx%d, stride %dx%d, "
          + "padding %dx%d, dilation %dx%d, groups %d, bias %b", trial, batch, inC, h, w, outC, kh, kw, sh, sw, ph,
          pw, dh, dw, groups, bias);
      conv(name, new Rng(trial), g, batch, bias);
    }
  }

  private static void conv(String name, Rng rng, ConvGeometry g, int batch, boolean bias) {
    int wCount = g.weightCount();
    int wOff = 2;
    int bOff = bias ? wOff + wCount : -1;
    float bound = (float) (1 / Math.sqrt((double) g.inPerGroup() * g.kh * g.kw));
    float[] params = Data.uniform(rng, wOff + wCount + g.outC + 1, -bound, bound);
    float[] x = gaussian(rng, batch * g.inSize(), 1);
    float[] dy = gaussian(rng, batch * g.outSize(), 1);
    float[] y = new float[batch * g.outSize()];
    Conv2dKernel.forward(y, x, params, wOff, bOff, g, batch);
    float[] dx = new float[x.length];
    float[] dparams = new float[params.length];
    Conv2dKernel.backward(dx, dparams, dy, x, params, wOff, bOff, g, batch);

    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(x, batch, g.inC, g.inH, g.inW);
      NDArray tw = t.parameter(slice(params, wOff, wCount), g.outC, g.inPerGroup(), g.kh, g.kw);
      NDArray tb = bias ? t.parameter(slice(params, bOff, g.outC), g.outC) : null;
      NDArray ty = TorchNN.conv2d(tx, tw, tb, new int[] {g.sh, g.sw}, new int[] {g.ph, g.pw},
          new int[] {g.dh, g.dw}, g.groups);
      tape.backward(ty.mul(t.tensor(dy, batch, g.outC, g.outH, g.outW)).sum());
      check(name + " y", Torch.read(ty), y, FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
      check(name + " dweight", Torch.grad(tw), slice(dparams, wOff, wCount), GRAD);
      if (bias) {
        check(name + " dbias", Torch.grad(tb), slice(dparams, bOff, g.outC), GRAD);
      }
    }
  }

  /** Max and average pooling in turn, 30 draws each. */
  @Test
  void pool2dRandomWindows() {
    Rng draw = new Rng(502);
    for (int trial = 0; trial < 2 * TRIALS; trial++) {
      int kh = 1 + draw.nextInt(4);
      int kw = 1 + draw.nextInt(4);
      int sh = 1 + draw.nextInt(3);
      int sw = 1 + draw.nextInt(3);
      int ph = draw.nextInt(kh / 2 + 1);
      int pw = draw.nextInt(kw / 2 + 1);
      int c = 1 + draw.nextInt(4);
      int h = Math.max(1, kh - 2 * ph) + draw.nextInt(9);
      int w = Math.max(1, kw - 2 * pw) + draw.nextInt(9);
      int batch = 1 + draw.nextInt(3);
      boolean max = trial % 2 == 0;
      PoolGeometry g = new PoolGeometry(c, h, w, kh, kw, sh, sw, ph, pw);
      String name = String.format("%s pool trial %d: batch %d, %dx%dx%d, kernel %dx%d, stride %dx%d, padding %dx%d",
          max ? "max" : "avg", trial, batch, c, h, w, kh, kw, sh, sw, ph, pw);
      pool(name, new Rng(trial), g, batch, max);
    }
  }

  private static void pool(String name, Rng rng, PoolGeometry g, int batch, boolean max) {
    float[] x = gaussian(rng, batch * g.inSize(), 1);
    float[] dy = gaussian(rng, batch * g.outSize(), 1);
    float[] y = new float[batch * g.outSize()];
    float[] dx = new float[x.length];
    if (max) {
      Pool2dKernel.maxForward(y, x, g, batch);
      Pool2dKernel.maxBackward(dx, dy, x, g, batch);
    } else {
      Pool2dKernel.avgForward(y, x, g, batch);
      Pool2dKernel.avgBackward(dx, dy, g, batch);
    }
    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(x, batch, g.c, g.h, g.w);
      int[] k = {g.kh, g.kw};
      int[] s = {g.sh, g.sw};
      int[] p = {g.ph, g.pw};
      NDArray ty = max ? TorchNN.maxPool2d(tx, k, s, p) : TorchNN.avgPool2d(tx, k, s, p);
      tape.backward(ty.mul(t.tensor(dy, batch, g.c, g.outH, g.outW)).sum());
      check(name + " y", Torch.read(ty), y, FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
    }
  }

  /** The four recurrent kernels in turn (RNN tanh, RNN ReLU, LSTM, GRU), 30 draws each. */
  @Test
  void recurrentRandomSizes() {
    Rng draw = new Rng(503);
    StepOracleTest.Kind[] kinds = StepOracleTest.Kind.values();
    for (int trial = 0; trial < TRIALS * kinds.length; trial++) {
      StepOracleTest.Kind kind = kinds[trial % kinds.length];
      int batch = 1 + draw.nextInt(4);
      int steps = 1 + draw.nextInt(10);
      int in = 1 + draw.nextInt(12);
      int hidden = 1 + draw.nextInt(16);
      boolean sequences = draw.nextInt(2) == 0;
      String name = String.format("%s trial %d: batch %d, steps %d, in %d, hidden %d, returnSequences %b", kind,
          trial, batch, steps, in, hidden, sequences);
      recurrent(name, new Rng(trial), kind, batch, steps, in, hidden, sequences);
    }
  }

  private static void recurrent(String name, Rng rng, StepOracleTest.Kind kind, int batch, int steps, int in,
      int hidden, boolean sequences) {
    int gates = switch (kind) {
      case LSTM -> 4;
      case GRU -> 3;
      default -> 1;
    };
    int gh = gates * hidden;
    int wIh = 1;
    int wHh = wIh + gh * in;
    int bIh = wHh + gh * hidden;
    int bHh = bIh + gh;
    float bound = (float) (1 / Math.sqrt(hidden)); // PyTorch's init of every recurrent tensor
    float[] params = Data.uniform(rng, bHh + gh + 1, -bound, bound);
    float[] x = gaussian(rng, batch * steps * in, 1);
    int outLength = batch * (sequences ? steps : 1) * hidden;
    float[] dy = gaussian(rng, outLength, 1);
    float[] y = new float[outLength];
    float[] dx = new float[x.length];
    float[] dparams = new float[params.length];
    switch (kind) {
      case RNN_TANH, RNN_RELU -> {
        Activation act = kind == StepOracleTest.Kind.RNN_TANH ? Activation.TANH : Activation.RELU;
        float[] cache = new float[RnnKernel.cacheSize(batch, steps, hidden)];
        RnnKernel.forward(act, y, cache, x, params, wIh, wHh, bIh, bHh, batch, steps, in, hidden, sequences);
        RnnKernel.backward(act, dx, dparams, dy, x, cache, params, wIh, wHh, bIh, bHh, batch, steps, in, hidden,
            sequences);
      }
      case LSTM -> {
        float[] cache = new float[LstmKernel.cacheSize(batch, steps, hidden)];
        LstmKernel.forward(y, cache, x, params, wIh, wHh, bIh, bHh, batch, steps, in, hidden, sequences);
        LstmKernel.backward(dx, dparams, dy, x, cache, params, wIh, wHh, bIh, bHh, batch, steps, in, hidden,
            sequences);
      }
      case GRU -> {
        float[] cache = new float[GruKernel.cacheSize(batch, steps, hidden)];
        GruKernel.forward(y, cache, x, params, wIh, wHh, bIh, bHh, batch, steps, in, hidden, sequences);
        GruKernel.backward(dx, dparams, dy, x, cache, params, wIh, wHh, bIh, bHh, batch, steps, in, hidden,
            sequences);
      }
    }
    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(x, batch, steps, in);
      NDArray twIh = t.parameter(slice(params, wIh, gh * in), gh, in);
      NDArray twHh = t.parameter(slice(params, wHh, gh * hidden), gh, hidden);
      NDArray tbIh = t.parameter(slice(params, bIh, gh), gh);
      NDArray tbHh = t.parameter(slice(params, bHh, gh), gh);
      NDArray ty = switch (kind) {
        case RNN_TANH -> TorchNN.rnn(Activation.TANH, tx, twIh, twHh, tbIh, tbHh, sequences);
        case RNN_RELU -> TorchNN.rnn(Activation.RELU, tx, twIh, twHh, tbIh, tbHh, sequences);
        case LSTM -> TorchNN.lstm(tx, twIh, twHh, tbIh, tbHh, sequences);
        case GRU -> TorchNN.gru(tx, twIh, twHh, tbIh, tbHh, sequences);
      };
      tape.backward(ty.mul(t.tensor(dy, ty.getShape().getShape())).sum());
      check(name + " y", Torch.read(ty), y, FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
      check(name + " dweight_ih", Torch.grad(twIh), slice(dparams, wIh, gh * in), GRAD);
      check(name + " dweight_hh", Torch.grad(twHh), slice(dparams, wHh, gh * hidden), GRAD);
      check(name + " dbias_ih", Torch.grad(tbIh), slice(dparams, bIh, gh), GRAD);
      check(name + " dbias_hh", Torch.grad(tbHh), slice(dparams, bHh, gh), GRAD);
    }
  }

  @Test
  void attentionRandomHeadsAndLengths() {
    Rng draw = new Rng(504);
    for (int trial = 0; trial < TRIALS; trial++) {
      int heads = 1 + draw.nextInt(4);
      int dim = heads * (1 + draw.nextInt(6));
      int steps = 1 + draw.nextInt(10);
      int batch = 1 + draw.nextInt(3);
      boolean causal = draw.nextInt(2) == 0;
      boolean bias = draw.nextInt(3) > 0;
      boolean outProjection = draw.nextInt(3) > 0;
      String name = String.format("attention trial %d: batch %d, steps %d, dim %d, heads %d, causal %b, bias %b, "
          + "outProjection %b", trial, batch, steps, dim, heads, causal, bias, outProjection);
      attention(name, new Rng(trial), batch, steps, dim, heads, causal, bias, outProjection);
    }
  }

  private static void attention(String name, Rng rng, int batch, int steps, int dim, int heads, boolean causal,
      boolean bias, boolean outProjection) {
    int wIn = 3;
    int bIn = wIn + 3 * dim * dim;
    int wOut = bIn + 3 * dim;
    int bOut = wOut + dim * dim;
    float bound = (float) Math.sqrt(6.0 / (4 * dim)); // Xavier-uniform of in_proj_weight (3D, D)
    float[] params = Data.uniform(rng, bOut + dim + 2, -bound, bound);
    float[] x = gaussian(rng, batch * steps * dim, 1);
    float[] dy = gaussian(rng, x.length, 1);
    int bInOff = bias ? bIn : -1;
    int wOutOff = outProjection ? wOut : -1;
    int bOutOff = bias && outProjection ? bOut : -1;
    float[] y = new float[x.length];
    float[] cache = new float[AttentionKernel.cacheSize(batch, steps, dim, heads)];
    AttentionKernel.forward(y, cache, x, params, wIn, bInOff, wOutOff, bOutOff, batch, steps, dim, heads, causal);
    float[] dx = new float[x.length];
    float[] dparams = new float[params.length];
    AttentionKernel.backward(dx, dparams, dy, x, cache, params, wIn, bInOff, wOutOff, bOutOff, batch, steps, dim,
        heads, causal);

    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray tx = t.parameter(x, batch, steps, dim);
      NDArray twIn = t.parameter(slice(params, wIn, 3 * dim * dim), 3L * dim, dim);
      NDArray tbIn = bias ? t.parameter(slice(params, bIn, 3 * dim), 3L * dim) : null;
      NDArray twOut = outProjection ? t.parameter(slice(params, wOut, dim * dim), dim, dim) : null;
      NDArray tbOut = bias && outProjection ? t.parameter(slice(params, bOut, dim), dim) : null;
      NDArray ty = TorchNN.attention(tx, twIn, tbIn, twOut, tbOut, heads, causal);
      tape.backward(ty.mul(t.tensor(dy, batch, steps, dim)).sum());
      check(name + " y", Torch.read(ty), y, FWD);
      check(name + " dx", Torch.grad(tx), dx, GRAD);
      check(name + " din_proj_weight", Torch.grad(twIn), slice(dparams, wIn, 3 * dim * dim), GRAD);
      if (bias) {
        check(name + " din_proj_bias", Torch.grad(tbIn), slice(dparams, bIn, 3 * dim), GRAD);
      }
      if (outProjection) {
        check(name + " dout_proj.weight", Torch.grad(twOut), slice(dparams, wOut, dim * dim), GRAD);
      }
      if (bias && outProjection) {
        check(name + " dout_proj.bias", Torch.grad(tbOut), slice(dparams, bOut, dim), GRAD);
      }
    }
  }
}
