package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {
  @Test
  void sequenceIsPinned() {
    // SplitMix64 with seed 0: the published first outputs. Changing them would change every seeded model.
    Rng rng = new Rng(0);
    assertEquals(0xE220A8397B1DCDAFL, rng.nextLong());
    assertEquals(0x6E789E6AA1B965F4L, rng.nextLong());
  }

  @Test
  void nextIntIsInRangeAndCoversIt() {
    Rng rng = new Rng(3);
    int[] counts = new int[10];
    for (int i = 0; i < 100_000; i++) {
      counts[rng.nextInt(10)]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - 10_000) < 500, "count " + c);
    }
  }
}
