package dev.staticnet.benchmarks.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.staticnet.Parameters;
import dev.staticnet.benchmarks.LstmNet;
import dev.staticnet.benchmarks.torch.Torch;

/** {@link LstmNet} in libtorch: the fused {@code torch.lstm} (as {@code nn.LSTM}), its last state, linear. */
public final class TorchLstmNet extends TorchNet {

  public TorchLstmNet(Parameters source, float lr) {
    super(source, lr, LstmNet.STEPS, LstmNet.FEATURES);
  }

  @Override
  protected NDArray forward(NDArray x, boolean training) {
    long batch = x.getShape().get(0);
    Shape state = new Shape(1, batch, LstmNet.HIDDEN);
    NDArray h0 = x.getManager().zeros(state);
    NDArray c0 = x.getManager().zeros(state);
    NDList out = Torch.lstm(x, h0, c0, tensor("lstm.weight_ih_l0"), tensor("lstm.weight_hh_l0"),
        tensor("lstm.bias_ih_l0"), tensor("lstm.bias_hh_l0"), training);
    NDArray last = out.get(1).reshape(batch, LstmNet.HIDDEN);  // h_n: (1, B, H) → (B, H)
    return linear(last, "out");                                 // (B, 10)
  }
}
