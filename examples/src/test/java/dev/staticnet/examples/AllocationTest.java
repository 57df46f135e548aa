package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.train.Sampling;
import dev.staticnet.train.TextGenerator;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, trainStep and predict-into-an-array allocate nothing per call: dense, recurrent
 * (LSTM, RNN, GRU) and attention networks, with the kernels' work split over the worker threads;
 * and text generation allocates nothing per token.
 *
 * <p>Surefire runs this class in a JVM of its own with {@code -Dstaticnet.simd=false}
 * (examples/pom.xml), so the result does not depend on the JIT: with the Vector API kernels, whether
 * C2 keeps every vector in a register depends on what it has compiled before (on some runs it falls
 * back to the Vector API's Java implementation, which allocates each vector). The benchmark harness
 * reports that side per row (alloc/step in docs/benchmarks.md).
 */
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

  @Test
  void lstmLanguageModelTrainingDoesNotAllocate() {
    assertNoTokenAllocation(new StaticNet_SequenceLms_LstmLm(1));
  }

  @Test
  void rnnAndGruLanguageModelTrainingDoesNotAllocate() {
    assertNoTokenAllocation(new StaticNet_SequenceLms_RnnGruLm(1));
  }

  @Test
  void transformerTrainingDoesNotAllocate() {
    assertNoTokenAllocation(new StaticNet_SequenceLms_Gpt(1));
  }

  /** After warm-up only the result arrays are allocated: nothing per generated token. */
  @Test
  void generatingAllocatesNothingPerToken() {
    TextGenerator gen = new TextGenerator(new StaticNet_SequenceLms_Gpt(7));
    int count = 2000;
    Sampling s = Sampling.topK(4, 0.9);
    long resultBytes = 3L * count * 4 + SLACK_BYTES; // the returned ids and their copies
    long bytes = Long.MAX_VALUE;
    for (int round = 0; round < 10 && bytes >= resultBytes; round++) {
      long before = allocatedBytes();
      gen.generate(new int[] {1, 2, 3}, count, s, round);
      bytes = allocatedBytes() - before;
    }
    assertTrue(bytes < resultBytes, count + " tokens allocated " + bytes + " bytes");
  }

  private static void assertNoAllocation(Model m, int batch, int features, int classes) {
    assertNoAllocation(m, TestData.uniform(batch * features, 2), TestData.labels(batch, classes, 3), batch,
        classes);
  }

  /** Batch 16 of random token windows, a label per position. */
  private static void assertNoTokenAllocation(Model m) {
    int batch = 16;
    int n = batch * SequenceLms.CONTEXT;
    int[] ids = TestData.labels(n, SequenceLms.VOCAB, 2);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = ids[i];
    }
    assertNoAllocation(m, x, TestData.labels(n, SequenceLms.VOCAB, 3), batch, SequenceLms.CONTEXT * SequenceLms.VOCAB);
  }

  /**
   * Warm-up ends when C2 has compiled the Vector API paths (interpreted or C1 code boxes every
   * vector) and C2 compiles in the background, so on a small model or a loaded machine that takes
   * time rather than calls: measure rounds of calls until one allocates less than the slack (or give
   * up after 20 rounds and at least 20 s).
   */
  private static void assertNoAllocation(Model m, float[] x, int[] y, int batch, int outputsPerSample) {
    Optimizer sgd = Optimizer.sgd(0.01f, 0.9f);
    float[] out = new float[batch * outputsPerSample];
    for (int i = 0; i < 50; i++) {
      m.trainStep(x, y, batch, sgd);
      m.predict(x, batch, out);
    }
    long training = Long.MAX_VALUE;
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (int round = 0; (round < 20 || System.nanoTime() < deadline) && training >= SLACK_BYTES; round++) {
      long before = allocatedBytes();
      for (int i = 0; i < CALLS; i++) {
        m.trainStep(x, y, batch, sgd);
      }
      training = allocatedBytes() - before;
    }
    long inference = Long.MAX_VALUE;
    for (int round = 0; (round < 20 || System.nanoTime() < deadline) && inference >= SLACK_BYTES; round++) {
      long before = allocatedBytes();
      for (int i = 0; i < CALLS; i++) {
        m.predict(x, batch, out);
      }
      inference = allocatedBytes() - before;
    }
    assertTrue(training < SLACK_BYTES, CALLS + " trainStep calls allocated " + training + " bytes");
    assertTrue(inference < SLACK_BYTES, CALLS + " predict calls allocated " + inference + " bytes");
  }
}
