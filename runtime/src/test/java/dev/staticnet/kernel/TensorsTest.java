package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TensorsTest {
  @Test
  void addAccumulateCopy() {
    float[] a = {1, 2, 3};
    float[] b = {10, 20, 30};
    float[] y = new float[3];
    Tensors.add(y, a, b, 3);
    assertArrayEquals(new float[] {11, 22, 33}, y);
    Tensors.add(a, a, b, 2); // y aliases a
    assertArrayEquals(new float[] {11, 22, 3}, a);
    Tensors.accumulate(y, b, 3);
    assertArrayEquals(new float[] {21, 42, 63}, y);
    Tensors.copy(y, b, 2);
    assertArrayEquals(new float[] {10, 20, 63}, y);
  }
}
