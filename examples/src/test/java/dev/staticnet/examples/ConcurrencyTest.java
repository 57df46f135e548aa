package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.staticnet.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** predict from many threads at once on one model gives exactly the single-threaded results. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int[] BATCHES = {1, 3, 8};

  @Test
  void concurrentPredictMatchesSingleThreaded() throws Exception {
    Model m = new StaticNet_ResidualNets_ResidualMlp(9);
    float[][] inputs = new float[BATCHES.length][];
    float[][] expected = new float[BATCHES.length][];
    for (int i = 0; i < BATCHES.length; i++) {
      inputs[i] = TestData.uniform(BATCHES[i] * 4, 100 + i);
      expected[i] = m.predict(inputs[i], BATCHES[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
          int calls = 0;
          float[] out3 = new float[3 * 3];
          while (System.nanoTime() < end) {
            int i = (thread + calls) % BATCHES.length;
            float[] y;
            if (i == 1) {
              m.predict(inputs[i], BATCHES[i], out3);
              y = out3;
            } else {
              y = m.predict(inputs[i], BATCHES[i]);
            }
            assertArrayEquals(expected[i], y, "thread " + thread + ", call " + calls);
            calls++;
          }
          return calls;
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(30, TimeUnit.SECONDS);
      }
      assertEquals(true, total > THREADS * 10, "each thread made many calls: " + total);
    } finally {
      pool.shutdownNow();
    }
  }
}
