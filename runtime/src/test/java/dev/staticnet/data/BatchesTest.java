package dev.staticnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchesTest {
  private static final int N = 10;
  private static final int SAMPLE = 3;

  /** Sample i holds (i, i + 0.1, i + 0.2) and label 100 + i. */
  private static float[] inputs() {
    float[] x = new float[N * SAMPLE];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < SAMPLE; j++) {
        x[i * SAMPLE + j] = i + 0.1f * j;
      }
    }
    return x;
  }

  private static int[] labels() {
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = 100 + i;
    }
    return y;
  }

  /** The sample order of one epoch, read back from the copied labels (and checked against the inputs). */
  private static int[] epoch(Batches b) {
    int[] seen = new int[b.samplesPerEpoch()];
    int k = 0;
    for (int i = 0; i < b.count(); i++) {
      int rows = b.load(i);
      assertEquals(rows * SAMPLE, b.inputs().length);
      assertEquals(rows, b.labels().length);
      for (int r = 0; r < rows; r++) {
        int sample = b.labels()[r] - 100;
        assertEquals(sample, b.sampleIndex(i, r));
        assertEquals(sample + 0.2f, b.inputs()[r * SAMPLE + 2], 1e-6f);
        seen[k++] = sample;
      }
    }
    return seen;
  }

  @Test
  void sequentialBatchesKeepTheOrderWithASmallerLastBatch() {
    Batches b = Batches.of(inputs(), labels(), SAMPLE, 4, false, 0);
    assertEquals(3, b.count());
    assertEquals(4, b.rows(0));
    assertEquals(2, b.rows(2));
    b.shuffle(); // no-op without shuffling
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, epoch(b));
  }

  @Test
  void dropLastSkipsTheIncompleteBatch() {
    Batches b = Batches.dropLast(inputs(), labels(), SAMPLE, 4, false, 0);
    assertEquals(2, b.count());
    assertEquals(8, b.samplesPerEpoch());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, epoch(b));
  }

  @Test
  void shufflingIsASeededPermutationPerEpoch() {
    Batches a = Batches.of(inputs(), labels(), SAMPLE, 3, true, 42);
    Batches b = Batches.of(inputs(), labels(), SAMPLE, 3, true, 42);
    a.shuffle();
    b.shuffle();
    int[] first = epoch(a);
    assertArrayEquals(first, epoch(b), "same seed, same order");
    int[] sorted = first.clone();
    Arrays.sort(sorted);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted, "each sample once per epoch");
    assertFalse(Arrays.equals(sorted, first), "shuffled");
    a.shuffle();
    assertFalse(Arrays.equals(first, epoch(a)), "a new order each epoch");
    Batches c = Batches.of(inputs(), labels(), SAMPLE, 3, true, 43);
    c.shuffle();
    assertFalse(Arrays.equals(first, epoch(c)), "another seed, another order");
  }

  @Test
  void shufflingIsUniformEnough() {
    // position of sample 0 after shuffling, over many epochs: each of the 10 positions about 10 % of the time
    Batches b = Batches.of(inputs(), labels(), SAMPLE, N, true, 7);
    int[] counts = new int[N];
    for (int e = 0; e < 20_000; e++) {
      b.shuffle();
      for (int r = 0; r < N; r++) {
        if (b.sampleIndex(0, r) == 0) {
          counts[r]++;
        }
      }
    }
    for (int c : counts) {
      assertEquals(2000, c, 200);
    }
  }

  @Test
  void buffersAreReused() {
    Batches b = Batches.of(inputs(), labels(), SAMPLE, 4, true, 1);
    b.load(0);
    float[] x = b.inputs();
    int[] y = b.labels();
    b.shuffle();
    b.load(1);
    assertSame(x, b.inputs());
    assertSame(y, b.labels());
    b.load(2);
    assertNotEquals(x.length, b.inputs().length);
  }

  @Test
  void noAllocationPerBatchOrEpoch() {
    float[] x = new float[1000 * 784];
    int[] y = new int[1000];
    Batches b = Batches.of(x, y, 784, 64, true, 1); // 15 full batches and one of 40
    for (int warm = 0; warm < 50; warm++) {
      b.shuffle();
      for (int i = 0; i < b.count(); i++) {
        b.load(i);
      }
    }
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long before = ((com.sun.management.ThreadMXBean) mx).getCurrentThreadAllocatedBytes();
    for (int epoch = 0; epoch < 20; epoch++) {
      b.shuffle();
      for (int i = 0; i < b.count(); i++) {
        b.load(i);
      }
    }
    long allocated = ((com.sun.management.ThreadMXBean) mx).getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 4096, "20 epochs allocated " + allocated + " bytes");
  }

  @Test
  void targetsAreCopiedWithTheirSample() {
    float[] targets = new float[N * 2];
    for (int i = 0; i < N; i++) {
      targets[2 * i] = i;
      targets[2 * i + 1] = -i;
    }
    Batches b = Batches.withTargets(inputs(), targets, SAMPLE, 2, 5, true, 3);
    b.shuffle();
    b.load(1);
    for (int r = 0; r < 5; r++) {
      int s = b.sampleIndex(1, r);
      assertEquals(s, b.targets()[2 * r]);
      assertEquals(-s, b.targets()[2 * r + 1]);
      assertEquals(s, b.inputs()[r * SAMPLE], 1e-6f);
    }
    assertEquals(null, b.labels());
  }

  @Test
  void badArgumentsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Batches.of(inputs(), new int[9], SAMPLE, 2, false, 0));
    assertTrue(e.getMessage().contains("10 samples") && e.getMessage().contains("9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Batches.of(inputs(), labels(), 4, 2, false, 0));
    assertTrue(e.getMessage().contains("30") && e.getMessage().contains("4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Batches.of(inputs(), labels(), SAMPLE, 11, false, 0));
    assertTrue(e.getMessage().contains("11"), e.getMessage());
    Batches b = Batches.sequential(inputs(), SAMPLE, 5);
    assertThrows(IllegalStateException.class, b::inputs);
    IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class, () -> b.load(2));
    assertTrue(oob.getMessage().contains("batch 2 of 2"), oob.getMessage());
  }
}
