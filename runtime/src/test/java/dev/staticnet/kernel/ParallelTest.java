package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void everyPartRunsExactlyOnce() {
    for (int parts = 1; parts <= 4 * Parallel.threads() + 1; parts++) {
      for (int rep = 0; rep < 300; rep++) {
        AtomicIntegerArray runs = new AtomicIntegerArray(parts);
        int expectedParts = parts;
        Parallel.run(parts, (part, count) -> {
          assertEquals(expectedParts, count);
          runs.incrementAndGet(part);
        });
        for (int p = 0; p < parts; p++) {
          assertEquals(1, runs.get(p), "part " + p + " of " + parts);
        }
      }
    }
  }

  @Test
  void nestedCallsRunOnTheCaller() {
    int[] inner = new int[4];
    Parallel.run(2, (part, count) -> Parallel.run(2, (p, c) -> inner[part * 2 + p]++));
    assertArrayEquals(new int[] {1, 1, 1, 1}, inner);
  }

  @Test
  void exceptionsFromAnyPartReachTheCaller() {
    int last = Math.max(1, Parallel.threads() - 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run(last + 1, (part, count) -> {
      if (part == last) {
        throw new IllegalStateException("part " + part);
      }
    }));
    assertEquals("part " + last, e.getMessage());
    // the pool still works afterwards
    int[] ran = new int[2];
    Parallel.run(2, (part, count) -> ran[part] = 1);
    assertArrayEquals(new int[] {1, 1}, ran);
  }
}
