package dev.staticnet.benchmarks.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.staticnet.Optimizer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fairness check of the CNN and sequence rows of the side-by-side harness: each generated network and
 * its libtorch mirror, from the same weights (copied by PyTorch name) and batch, give the same loss at step
 * 0 and after one SGD step (so forward, backward, BatchNorm's running statistics and the update agree), and
 * the same eval-mode predictions after two steps.
 */
class NetworkRivalsAgreeTest {
  private static final float LR = 0.05f;

  static Stream<Arguments> workloads() {
    return Stream.of(
        rival(Workload.leNet5(), 4),
        rival(Workload.seedCnn(), 2),
        rival(Workload.resNet(), 4),
        rival(Workload.lstm(), 3),
        rival(Workload.transformer(), 2));
  }

  private static Arguments rival(Workload w, int batch) {
    return Arguments.of(w.title() + ", batch " + batch, w, batch);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloads")
  void sameLossesAndPredictions(String name, Workload w, int batch) {
    Workload.Batch data = w.batch(batch, 1);
    Net net = w.staticNet().get();
    Optimizer sgd = Optimizer.sgd(LR);
    try (TorchNet torch = w.torch().apply(net.parameters(), LR)) {
      NDArray labels = torch.labels(data.labels());
      for (int step = 0; step < 2; step++) {
        float expected = torch.trainStep(data.input(), labels, batch);
        float actual = net.trainStep(data.input(), data.labels(), batch, sgd);
        System.out.printf("%s step %d loss: PyTorch %.7f StaticNet %.7f%n", w.title(), step, expected, actual);
        assertEquals(expected, actual, 1e-4 * Math.abs(expected), "loss at step " + step);
      }
      float[] expected = new float[batch * w.labelsPerSample() * w.classes()];
      float[] actual = new float[expected.length];
      torch.predict(data.input(), batch, expected);
      net.predict(data.input(), batch, actual);
      assertTrue(maxRelDiff(expected, actual) < 1e-4, "eval predictions after two steps");
    }
  }

  /** max |a − e| / max |e|. */
  private static double maxRelDiff(float[] expected, float[] actual) {
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
    }
    System.out.printf("predictions: max abs %.3e, scale %.3e%n", diff, scale);
    return diff / scale;
  }
}
