package dev.staticnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Workspaces of the inference pass: in-place slots share one array, folded-away slots are not allocated. */
class WorkspaceFusionTest {
  /** x (4) → conv (8) → bn (8) → relu (8) → out (3), as a folded conv + BN + ReLU would declare it. */
  private static ModelSpec.Builder chain() {
    return ModelSpec.builder("t.Net", Shape.of(4), Shape.of(3), InputKind.FLOAT, Loss.MSE)
        .slot(1, 8, 0).cache(2, 0, 2).slot(3, 8, 0).slot(4, 8, 0).slot(5, 8, 0).slot(6, 3, 0);
  }

  @Test
  void inPlaceSlotsShareTheirInputsArrayOnlyInInferenceWorkspaces() {
    ModelSpec spec = chain().inPlace(4, 3).inPlace(5, 4).build();
    Workspace inference = new Workspace(spec, 2, false);
    assertSame(inference.act[3], inference.act[4]);
    assertSame(inference.act[3], inference.act[5], "a chain of in-place steps shares one array");
    assertEquals(16, inference.act[5].length);
    Workspace training = new Workspace(spec, 2, true);
    assertNotSame(training.act[3], training.act[4]);
    assertNotSame(training.act[4], training.act[5]);
  }

  @Test
  void foldedWorkspacesLeaveTheSkippedSlotsUnallocated() {
    ModelSpec spec = chain().folded(40).foldedAway(1).foldedAway(3).build();
    Workspace folded = new Workspace(spec, 2, false, true);
    assertTrue(folded.folded());
    assertNull(folded.act[1]);
    assertNull(folded.act[3]);
    assertEquals(16, folded.act[4].length);
    assertEquals(2, folded.act[2].length, "caches stay");
    Workspace unfolded = new Workspace(spec, 2, false, false);
    assertFalse(unfolded.folded());
    assertEquals(16, unfolded.act[1].length);
    assertThrows(IllegalArgumentException.class, () -> new Workspace(spec, 2, true, true));
  }

  @Test
  void wrongDeclarationsFailWhenTheClassIsInitialised() {
    IllegalStateException input = assertThrows(IllegalStateException.class, () -> chain().inPlace(1, 0));
    assertEquals("t.Net: slot 1 cannot run in place over slot 0 (an earlier activation slot of the same size, "
        + "not the input)", input.getMessage());
    assertThrows(IllegalStateException.class, () -> chain().inPlace(3, 2), "a cache");
    assertThrows(IllegalStateException.class, () -> chain().inPlace(6, 5), "another size");
    assertThrows(IllegalStateException.class, () -> chain().foldedAway(6), "the output");
    assertThrows(IllegalStateException.class, () -> chain().foldedAway(2), "a cache");
    assertThrows(IllegalStateException.class, () -> chain().folded(-1));
    IllegalStateException both = assertThrows(IllegalStateException.class,
        () -> chain().foldedAway(3).inPlace(4, 3).build());
    assertEquals("t.Net: slot 4 runs in place over slot 3, but one of them is folded away", both.getMessage());
  }
}
