package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.GeneratedModel;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Each gradient buffer is either zeroed before the backward pass, because its kernels add into it,
 * or written whole by its first writer (`GradientWrite.ASSIGN`, listed in the spec), so no call may
 * see the previous call's values. Proof that no buffer is missed: a second identical gradient
 * computation on the same workspace (whose buffers still hold the first one's values) gives the same
 * bits, for every parameter and the input, in networks with every kind of step (convolution, pooling,
 * BatchNorm, residual fan-out, LSTM, embedding, attention, GELU, LayerNorm, dropout), including
 * in-place fused activations whose gradients share one array.
 */
class RepeatedGradientsTest {
  /**
   * @param tokens whether the input is token ids (then labels are per position: one per token, and
   *     there is no input gradient)
   */
  private static void assertRepeatable(LongFunction<Object> create, int batch, boolean training, boolean tokens) {
    GeneratedModel m = (GeneratedModel) create.apply(7);
    SplittableRandom r = new SplittableRandom(3);
    int inputs = m.inputShape().size();
    float[] x = new float[batch * inputs];
    for (int i = 0; i < x.length; i++) {
      x[i] = tokens ? r.nextInt(CharCorpus.VOCAB) : (float) r.nextGaussian();
    }
    int labelsPerSample = tokens ? inputs : 1;
    int classes = m.outputShape().size() / labelsPerSample;
    int[] labels = new int[batch * labelsPerSample];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = r.nextInt(classes);
    }
    m.gradients(x, labels, null, batch, training);
    float[][] first = snapshot(m, tokens);
    m.gradients(x, labels, null, batch, training);
    float[][] second = snapshot(m, tokens);
    String net = m.getClass().getSimpleName();
    boolean nonZero = false;
    for (int t = 0; t < first.length; t++) {
      assertArrayEquals(first[t], second[t], net + ": tensor " + t + " differs on the second call");
      for (float v : first[t]) {
        nonZero |= v != 0f;
      }
    }
    assertTrue(nonZero, net + ": all gradients are zero");
  }

  private static float[][] snapshot(GeneratedModel m, boolean tokens) {
    var names = m.parameters().names().stream().filter(n -> m.parameters().trainable(n)).toList();
    float[][] out = new float[names.size() + (tokens ? 0 : 1)][];
    for (int i = 0; i < names.size(); i++) {
      out[i] = m.gradient(names.get(i));
    }
    if (!tokens) {
      out[names.size()] = m.inputGradient();
    }
    return out;
  }

  @Test
  void convolutionalNetworks() {
    assertRepeatable(LeNet5::create, 4, true, false);
    assertRepeatable(ResNetFashion::create, 4, true, false); // BatchNorm on batch statistics, residual fan-out
  }

  @Test
  void denseNetworks() {
    assertRepeatable(TwoLayerNet::create, 3, true, false);
    assertRepeatable(DeepMlp::create, 3, false, false); // eval mode: its dropout draws no new mask
  }

  @Test
  void sequenceNetworks() {
    assertRepeatable(MnistRows::create, 2, true, false);
    assertRepeatable(CharLstm::create, 2, true, true);
    assertRepeatable(CharLm::create, 2, true, true);
  }
}
