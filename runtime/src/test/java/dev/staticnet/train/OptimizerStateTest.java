package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Snapshot and restore: continuing from a snapshot matches never stopping, bit for bit. */
class OptimizerStateTest {
  private static final int STEPS_BEFORE = 3;
  private static final int STEPS_AFTER = 4;

  @Test
  void everyOptimiserContinuesBitIdenticallyFromASnapshot() {
    List<Supplier<Optimizer>> kinds = List.of(
        () -> Sgd.builder(0.1f).momentum(0.9f).nesterov(true).weightDecay(0.01f).build(),
        () -> Optimizer.sgd(0.1f),
        () -> Optimizer.adam(0.05f),
        () -> Optimizer.adamW(0.05f, 0.1f),
        () -> RmsProp.builder(0.01f).momentum(0.5f).build(),
        () -> Optimizer.rmsProp(0.01f));
    for (Supplier<Optimizer> kind : kinds) {
      float[] uninterrupted = OptimizerTestSupport.floats(OptimizerTestSupport.START);
      Optimizer straight = kind.get();
      run(straight, uninterrupted, STEPS_BEFORE + STEPS_AFTER);

      float[] resumed = OptimizerTestSupport.floats(OptimizerTestSupport.START);
      Optimizer first = kind.get();
      run(first, resumed, STEPS_BEFORE);
      OptimizerState snapshot = first.state();
      run(first, new float[4], 2); // moving the original afterwards must not change the snapshot
      Optimizer second = kind.get();
      second.restore(snapshot);
      assertEquals(snapshot, second.state());
      run(second, resumed, STEPS_AFTER);
      assertArrayEquals(uninterrupted, resumed, snapshot.kind() + " " + snapshot.arrayNames());
      assertEquals(straight.state(), second.state(), snapshot.kind());
    }
  }

  @Test
  void adamStateHoldsMomentsStepsAndLearningRate() {
    Adam adam = Adam.builder(0.5f).build();
    OptimizerState fresh = adam.state();
    assertEquals(OptimizerState.UNSIZED, fresh.size());
    assertEquals(Map.of(), fresh.arrays());
    float[] w = {1f, 2f};
    adam.step(w, new float[] {0.5f, -1f});
    adam.setLearningRate(0.25f);
    OptimizerState s = adam.state();
    assertEquals("Adam", s.kind());
    assertEquals(1, s.steps());
    assertEquals(0.25f, s.learningRate());
    assertEquals(List.of("exp_avg", "exp_avg_sq"), s.arrayNames());
    // m = (1 - beta1) g, v = (1 - beta2) g^2 after one step, in float as the update computes them
    float oneMinusB1 = 1 - 0.9f;
    float oneMinusB2 = 1 - 0.999f;
    assertArrayEquals(new float[] {oneMinusB1 * 0.5f, oneMinusB1 * -1f}, s.array("exp_avg"));
    assertArrayEquals(new float[] {oneMinusB2 * 0.5f * 0.5f, oneMinusB2 * -1f * -1f}, s.array("exp_avg_sq"));
    s.array("exp_avg")[0] = 99f;
    assertNotEquals(99f, s.array("exp_avg")[0], "snapshots are immutable");
  }

  @Test
  void restoringAnotherKindOrOptionsFailsAndChangesNothing() {
    Optimizer sgd = Optimizer.sgd(0.1f, 0.9f);
    sgd.step(new float[] {1f, 2f}, new float[] {1f, 1f});
    OptimizerState before = sgd.state();

    Optimizer adam = Optimizer.adam(0.01f);
    adam.step(new float[] {1f, 2f}, new float[] {1f, 1f});
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> sgd.restore(adam.state()));
    assertEquals("SGD: cannot restore the state of a Adam optimiser; build a Adam to continue from it",
        kind.getMessage());
    assertEquals(before, sgd.state());

    Optimizer plainSgd = Optimizer.sgd(0.1f);
    plainSgd.step(new float[] {1f, 2f}, new float[] {1f, 1f});
    IllegalArgumentException options = assertThrows(IllegalArgumentException.class,
        () -> sgd.restore(plainSgd.state()));
    assertTrue(options.getMessage().contains("holds arrays [] but this SGD keeps [momentum_buffer]"),
        options.getMessage());
    assertEquals(before, sgd.state());

    assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(0.1f).restore(Optimizer.adamW(0.1f, 0.1f).state()));
  }

  @Test
  void restoredStateFixesTheParameterCount() {
    Optimizer a = Optimizer.adam(0.1f);
    a.step(new float[3], new float[3]);
    Optimizer b = Optimizer.adam(0.1f);
    b.restore(a.state());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.step(new float[4], new float[4]));
    assertTrue(e.getMessage().contains("state was sized for 3 parameters"), e.getMessage());
    // An unsized snapshot resets: the next step sizes the state afresh.
    b.restore(Optimizer.adam(0.1f).state());
    assertEquals(0, b.state().steps());
    b.step(new float[4], new float[4]);
    assertEquals(4, b.state().size());
  }

  @Test
  void snapshotRejectsArraysOfTheWrongLength() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OptimizerState("Adam", 1, 0.1f, 3, Map.of("exp_avg", new float[2])));
    assertEquals("OptimizerState Adam: array 'exp_avg' has 2 values, expected 3", e.getMessage());
  }

  private static void run(Optimizer opt, float[] w, int steps) {
    float[] g = new float[w.length];
    for (int s = 0; s < steps; s++) {
      OptimizerTestSupport.fillGrad(g, w);
      opt.step(w, g);
    }
  }
}
