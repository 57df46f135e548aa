package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The recurrent and attention kernels keep their per-call layout per thread: predict from many
 * threads at once on LSTM, RNN+GRU and transformer LMs gives exactly the single-threaded results
 * (batch 16 splits the kernels' work over the workers, batch 1 does not).
 */
class SequenceConcurrencyTest {
  private static final int THREADS = 4;
  private static final int[] BATCHES = {1, 16};

  @Test
  void concurrentPredictMatchesSingleThreaded() throws Exception {
    Model[] models = {new StaticNet_SequenceLms_LstmLm(1), new StaticNet_SequenceLms_RnnGruLm(2),
        new StaticNet_SequenceLms_Gpt(3)};
    float[][] inputs = new float[BATCHES.length][];
    float[][][] expected = new float[models.length][BATCHES.length][];
    for (int i = 0; i < BATCHES.length; i++) {
      int[] ids = TestData.labels(BATCHES[i] * SequenceLms.CONTEXT, SequenceLms.VOCAB, 10 + i);
      inputs[i] = new float[ids.length];
      for (int j = 0; j < ids.length; j++) {
        inputs[i][j] = ids[j];
      }
      for (int m = 0; m < models.length; m++) {
        expected[m][i] = models[m].predict(inputs[i], BATCHES[i]);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
          int calls = 0;
          while (System.nanoTime() < end || calls < 6) {
            int m = (thread + calls) % models.length;
            int i = (thread + calls / models.length) % BATCHES.length;
            assertArrayEquals(expected[m][i], models[m].predict(inputs[i], BATCHES[i]),
                "model " + m + ", batch " + BATCHES[i] + ", thread " + thread + ", call " + calls);
            calls++;
          }
          return calls;
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      assertTrue(total >= THREADS * 6, "calls: " + total);
    } finally {
      pool.shutdownNow();
    }
  }
}
