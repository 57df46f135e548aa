package dev.staticnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelSpecTest {
  private static ModelSpec.Builder builder() {
    return ModelSpec.builder("t.Net", Shape.of(4), Shape.of(3), InputKind.FLOAT, Loss.MSE);
  }

  @Test
  void offsetsMustFollowTheRunningTotal() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> builder().param("fc.weight", 0, 3, 4).param("fc.bias", 11, 3));
    assertEquals("t.Net: tensor fc.bias declared at offset 11, expected 12", e.getMessage());
  }

  @Test
  void lastSlotMustBeTheOutput() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder().slot(1, 5, 0).build());
    assertTrue(e.getMessage().contains("last slot holds 5 floats per sample but the output shape 3 has 3"),
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> builder().slot(1, 3, 0).cache(2, 3, 0).build());
    assertThrows(IllegalStateException.class, () -> builder().slot(2, 3, 0));
  }

  @Test
  void cacheSlotsHaveNoGradientAndTheInputGradientIsOnRequest() {
    ModelSpec spec = builder().cache(1, 0, 6).slot(2, 3, 0).build();
    Workspace ws = new Workspace(spec, 5, true);
    assertEquals(6, ws.act[1].length);
    assertNull(ws.grad[1]);
    assertEquals(15, ws.grad[2].length);
    assertNull(ws.grad[0]);
    ws.computeInputGradient(true);
    assertEquals(20, ws.grad[0].length);
    ws.zeroGradients();
    Workspace inference = new Workspace(spec, 5, false);
    assertNull(inference.grad);
    assertNotNull(inference.act[2]);
  }

  @Test
  void assignedGradientsAreNotZeroedBeforeTheBackwardPass() {
    ModelSpec spec = builder().slot(1, 5, 0).slot(2, 5, 0).slot(3, 3, 0).assignedGradient(0).assignedGradient(2)
        .build();
    Workspace ws = new Workspace(spec, 2, true);
    ws.computeInputGradient(true);
    for (float[] g : ws.grad) {
      java.util.Arrays.fill(g, 7f);
    }
    ws.zeroGradients();
    assertEquals(7f, ws.grad[0][0], "the input's first writer assigns it");
    assertEquals(0f, ws.grad[1][9]);
    assertEquals(7f, ws.grad[2][9]);
    assertEquals(0f, ws.grad[3][5], "the loss writes the output's gradient");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> builder().slot(1, 5, 0).slot(2, 3, 0).assignedGradient(2));
    assertEquals("t.Net: slot 2 cannot have an assigned gradient (declare it first; not the output or a cache)",
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> builder().cache(1, 0, 6).slot(2, 3, 0).assignedGradient(1));
  }

  @Test
  void layersAndTensorsAreFoundByName() {
    ModelSpec spec = builder().param("fc.weight", 0, 3, 4).layer("fc", "Linear", new int[] {3}, 12).slot(1, 3, 0)
        .build();
    assertEquals("Linear", spec.layer("fc").kind());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.layer("fc2"));
    assertEquals("no step named 'fc2' in t.Net; it has [fc]", e.getMessage());
    assertEquals(12, spec.tensor("fc.weight").size());
  }
}
