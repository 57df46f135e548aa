package dev.staticnet.benchmarks.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Optimizer;
import dev.staticnet.train.Rng;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-network oracle for the seeds' MLP, and the fairness check of the benchmark rows: the generated
 * {@code StaticNet_TwoLayerNet} (and the hand-written chain) and the same network in libtorch, from the same
 * weights (copied by PyTorch name) and batch, give the same losses, weights and predictions over three SGD
 * steps.
 */
class MlpRivalsAgreeTest {

  static Stream<Arguments> nets() {
    return Stream.of(
        Arguments.of("generated StaticNet_TwoLayerNet", (Supplier<Net>) Rows::generatedMlp),
        Arguments.of("HandWrittenMlp", (Supplier<Net>) () -> new HandWrittenMlp(Rows.SEED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nets")
  void sameLossesWeightsAndPredictions(String name, Supplier<Net> factory) {
    int batch = 8;
    Rng rng = new Rng(1);
    float[] x = new float[batch * HandWrittenMlp.IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = rng.nextInt(HandWrittenMlp.OUT);
    }
    Net net = factory.get();
    Optimizer sgd = Optimizer.sgd(0.1f);
    try (TorchMlp torch = new TorchMlp(net.parameters(), 0.1f)) {
      NDArray tl = torch.labels(labels);
      for (int step = 0; step < 3; step++) {
        float expected = torch.trainStep(x, tl, batch);
        float actual = net.trainStep(x, labels, batch, sgd);
        System.out.printf("step %d loss: PyTorch %.7f StaticNet %.7f%n", step, expected, actual);
        assertEquals(expected, actual, 1e-4 * Math.abs(expected), "loss at step " + step);
      }
      for (String p : new String[] {"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}) {
        assertTrue(maxRelDiff(torch.get(p), net.parameters().get(p)) < 1e-4, p + " after 3 steps");
      }
      float[] expected = new float[batch * HandWrittenMlp.OUT];
      float[] actual = new float[batch * HandWrittenMlp.OUT];
      torch.predict(x, batch, expected);
      net.predict(x, batch, actual);
      assertTrue(maxRelDiff(expected, actual) < 1e-4, "predictions");
    }
  }

  /** max |a − e| / max |e| (differences in the weights' update are tiny next to the weights). */
  private static double maxRelDiff(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
    }
    System.out.printf("max abs %.3e, scale %.3e%n", diff, scale);
    return diff / scale;
  }
}
