package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
  @Test
  void stepDecaysByGammaEveryStepSize() {
    LrSchedule s = LrSchedule.step(0.1f, 3, 0.5f);
    assertEquals(0.1f, s.at(0), 1e-8);
    assertEquals(0.1f, s.at(2), 1e-8);
    assertEquals(0.05f, s.at(3), 1e-8);
    assertEquals(0.025f, s.at(7), 1e-8);
  }

  @Test
  void cosineGoesFromLrToMinLr() {
    LrSchedule s = LrSchedule.cosine(1f, 10, 0.1f);
    assertEquals(1f, s.at(0), 1e-7);
    assertEquals(0.55f, s.at(5), 1e-6); // half-way: the mean of lr and minLr
    assertEquals(0.1f + 0.9f * (1 + Math.cos(Math.PI * 0.3)) / 2, s.at(3), 1e-6);
    assertEquals(0.1f, s.at(10), 1e-7);
    assertEquals(0.1f, s.at(25), 1e-7);
  }
}
