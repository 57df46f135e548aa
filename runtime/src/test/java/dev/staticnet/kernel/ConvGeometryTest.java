package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvGeometryTest {

  @Test
  void outputSizeFollowsPyTorchFormula() {
    // LeNet-5 c1: 1x28x28, k5 p2 -> 6x28x28 ; c3: 6x14x14, k5 -> 16x10x10
    ConvGeometry c1 = new ConvGeometry(1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 1, 1, 1);
    assertEquals(28, c1.outH);
    assertEquals(28, c1.outW);
    assertEquals(150, c1.weightCount());
    ConvGeometry c3 = new ConvGeometry(6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1);
    assertEquals(10, c3.outH);
    assertEquals(2400, c3.weightCount());
    // Seed 002: 227x227x3, 96 filters 11x11 stride 4 -> 55x55; 34,944 parameters with bias
    ConvGeometry alex = new ConvGeometry(3, 227, 227, 96, 11, 11, 4, 4, 0, 0, 1, 1, 1);
    assertEquals(55, alex.outH);
    assertEquals(34_944, alex.weightCount() + alex.outC);
    // Seed 002's "padding 2x2" (total) on 9x13 with 3x3 stride 2 is padding 1 per side: 5x7
    ConvGeometry s = new ConvGeometry(1, 9, 13, 1, 3, 3, 2, 2, 1, 1, 1, 1, 1);
    assertEquals(5, s.outH);
    assertEquals(7, s.outW);
    // Non-square with dilation: H' = floor((10 + 2·1 − 2·(3 − 1) − 1)/2) + 1 = 4, W' = floor((7 − 1 − 1)/1) + 1 = 6
    ConvGeometry d = new ConvGeometry(4, 10, 7, 6, 3, 2, 2, 1, 1, 0, 2, 1, 2);
    assertEquals(4, d.outH);
    assertEquals(6, d.outW);
    assertEquals(6 * 2 * 3 * 2, d.weightCount());
    assertEquals(12, d.colRows());
  }

  @Test
  void classifiesPointwiseAndDepthwise() {
    assertTrue(new ConvGeometry(8, 5, 5, 4, 1, 1, 1, 1, 0, 0, 1, 1, 1).isPointwise());
    assertFalse(new ConvGeometry(8, 5, 5, 4, 1, 1, 2, 2, 0, 0, 1, 1, 1).isPointwise());
    assertTrue(new ConvGeometry(8, 5, 5, 8, 3, 3, 1, 1, 1, 1, 1, 1, 8).isDepthwise());
    assertFalse(new ConvGeometry(8, 5, 5, 16, 3, 3, 1, 1, 1, 1, 1, 1, 8).isDepthwise());
  }

  @Test
  void rejectsGroupsThatDoNotDivideChannels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ConvGeometry(6, 8, 8, 4, 3, 3, 1, 1, 0, 0, 1, 1, 3));
    assertEquals("Conv2d: groups = 3 must divide both in channels = 6 and out channels = 4", e.getMessage());
  }

  @Test
  void rejectsInputTooSmallForKernel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ConvGeometry(1, 4, 4, 1, 3, 3, 1, 1, 0, 0, 2, 2, 1));
    assertEquals("Conv2d: input 1x4x4 is too small for kernel 3x3 (dilation 2x2, padding 0x0): output would be "
        + "0x0, expected at least 1x1", e.getMessage());
  }

  @Test
  void rejectsNonPositiveAttributes() {
    assertEquals("Conv2d: stride width must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new ConvGeometry(1, 4, 4, 1, 2, 2, 1, 0, 0, 0, 1, 1, 1)).getMessage());
    assertEquals("Conv2d: padding must be >= 0, got (-1, 0)", assertThrows(IllegalArgumentException.class,
        () -> new ConvGeometry(1, 4, 4, 1, 2, 2, 1, 1, -1, 0, 1, 1, 1)).getMessage());
    assertEquals("Conv2d: dilation height must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new ConvGeometry(1, 4, 4, 1, 2, 2, 1, 1, 0, 0, 0, 1, 1)).getMessage());
    assertEquals("Conv2d: in channels must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new ConvGeometry(0, 4, 4, 1, 2, 2, 1, 1, 0, 0, 1, 1, 1)).getMessage());
  }
}
