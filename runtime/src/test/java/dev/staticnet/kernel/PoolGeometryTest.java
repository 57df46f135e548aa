package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PoolGeometryTest {

  @Test
  void outputSizeIsFloorOfPaddedInputMinusKernelOverStride() {
    PoolGeometry p = new PoolGeometry(6, 28, 28, 2, 2, 2, 2, 0, 0); // LeNet s2
    assertEquals(14, p.outH);
    assertEquals(14, p.outW);
    PoolGeometry odd = new PoolGeometry(3, 7, 5, 3, 2, 2, 1, 1, 1); // floor((7+2-3)/2)+1 = 4, floor((5+2-2)/1)+1 = 6
    assertEquals(4, odd.outH);
    assertEquals(6, odd.outW);
    PoolGeometry seed001 = new PoolGeometry(12, 48, 48, 3, 3, 3, 3, 0, 0); // seed 001: 12@48x48 -> 12@16x16
    assertEquals(16, seed001.outH);
    assertEquals(12 * 16 * 16, seed001.outSize());
  }

  @Test
  void rejectsPaddingOverHalfTheKernel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PoolGeometry(1, 8, 8, 2, 3, 2, 2, 1, 2));
    assertEquals("Pool2d: padding (1, 2) must be at most half the kernel (2, 3), i.e. at most (1, 1)", e.getMessage());
  }

  @Test
  void rejectsInputSmallerThanWindow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PoolGeometry(2, 1, 4, 2, 2, 2, 2, 0, 0));
    assertEquals("Pool2d: input 2x1x4 is too small for kernel 2x2 (padding 0x0): output would be 0x2, "
        + "expected at least 1x1", e.getMessage());
  }

  @Test
  void rejectsNonPositiveAttributes() {
    assertEquals("Pool2d: stride height must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new PoolGeometry(1, 4, 4, 2, 2, 0, 2, 0, 0)).getMessage());
    assertEquals("Pool2d: padding must be >= 0, got (0, -1)", assertThrows(IllegalArgumentException.class,
        () -> new PoolGeometry(1, 4, 4, 2, 2, 2, 2, 0, -1)).getMessage());
  }
}
