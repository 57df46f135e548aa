package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The gradients of the parameter-free steps that open a network lead only to the input gradient:
 * training skips them (and the first weighted step's input gradient); {@code gradients} still
 * computes them all.
 */
class OptionalGradientTest {
  private static final int BATCH = 3;

  @Test
  void inputGradientThroughTheSkippedStepsMatchesFiniteDifferences() {
    Model m = new StaticNet_ConvNets_PoolFirst(5);
    float[] x = TestData.uniform(BATCH * m.inputShape().size(), 51);
    int[] labels = TestData.labels(BATCH, 4, 52);
    int checked = GradientCheck.check(m, x, labels, null, BATCH, true);
    assertEquals(m.parameterCount() + (long) BATCH * m.inputShape().size(), checked);
  }

  @Test
  void trainingAfterAnInputGradientRequestUpdatesAsWithout() {
    float[] x = TestData.uniform(BATCH * 128, 53);
    int[] labels = TestData.labels(BATCH, 4, 54);
    Model plain = new StaticNet_ConvNets_PoolFirst(6);
    Model probed = new StaticNet_ConvNets_PoolFirst(6);
    ((dev.staticnet.GeneratedModel) probed).gradients(x, labels, null, BATCH, true); // attaches the optional gradients
    Optimizer a = Optimizer.sgd(0.1f, 0.9f);
    Optimizer b = Optimizer.sgd(0.1f, 0.9f);
    for (int step = 0; step < 3; step++) {
      assertEquals(plain.trainStep(x, labels, BATCH, a), probed.trainStep(x, labels, BATCH, b));
    }
    for (String name : plain.parameters().names()) {
      assertArrayEquals(plain.parameters().get(name), probed.parameters().get(name), name);
    }
  }

  @Test
  void theGeneratedSpecMarksTheLeadingParameterFreeSteps() throws IOException {
    String source = Files.readString(Path.of("target/generated-test-sources/test-annotations/dev/staticnet/examples/"
        + "StaticNet_ConvNets_PoolFirst.java"));
    // pool, squash and drop precede the convolution (slot 3 is the dropout mask, a cache)
    for (String line : new String[] {".optionalGradient(1) // pool\n", ".optionalGradient(2) // squash\n",
        ".optionalGradient(4) // drop\n"}) {
      assertEquals(true, source.contains(line), line + " in\n" + source);
    }
    assertEquals(false, source.contains(".optionalGradient(5)") || source.contains(".optionalGradient(6)"), source);
  }
}
