package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** After warm-up, trainStep and predict-into-an-array allocate nothing per call. */
class AllocationTest {
  private static final int CALLS = 200;
  /** Slack for the measuring itself and rare JVM-internal allocations, far below one workspace. */
  private static final long SLACK_BYTES = 4096;

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  @Test
  void trainStepAndPredictDoNotAllocateAfterWarmUp() {
    assertNoAllocation(new StaticNet_ResidualNets_ResidualMlp(1), 16, 4, 3);
  }

  /** Big enough for the GEMMs to be split over the worker threads. */
  @Test
  void parallelKernelsDoNotAllocateEither() {
    assertNoAllocation(TwoLayerNet.create(1), 64, 784, 10);
  }

  private static void assertNoAllocation(Model m, int batch, int features, int classes) {
    Optimizer sgd = Optimizer.sgd(0.01f, 0.9f);
    float[] x = TestData.uniform(batch * features, 2);
    int[] y = TestData.labels(batch, classes, 3);
    float[] out = new float[batch * classes];
    for (int i = 0; i < 50; i++) {
      m.trainStep(x, y, batch, sgd);
      m.predict(x, batch, out);
    }
    long before = allocatedBytes();
    for (int i = 0; i < CALLS; i++) {
      m.trainStep(x, y, batch, sgd);
    }
    long training = allocatedBytes() - before;
    before = allocatedBytes();
    for (int i = 0; i < CALLS; i++) {
      m.predict(x, batch, out);
    }
    long inference = allocatedBytes() - before;
    assertTrue(training < SLACK_BYTES, CALLS + " trainStep calls allocated " + training + " bytes");
    assertTrue(inference < SLACK_BYTES, CALLS + " predict calls allocated " + inference + " bytes");
  }
}
