package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AttentionVectorTest {
  /** Four rows at once give, element for element, the bits of one row at a time, over the whole-vector blocks and the tails. */
  @Test
  void fourRowsAtOnceGiveTheBitsOfOneRowAtATime() {
    Random rng = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rng.nextInt(70);
      int k = 1 + rng.nextInt(40);
      int aStride = 1 + rng.nextInt(3);
      int lda = k * aStride + rng.nextInt(5);
      int ldm = n + rng.nextInt(7);
      int ldo = n + rng.nextInt(9);
      float[] a = gaussian(rng, 4 * lda + 3);
      float[] m = gaussian(rng, k * ldm + 5);
      float[] four = new float[4 * ldo + 2];
      AttentionVector.rowsTimesMatrix4(four, 2, ldo, n, a, 3, lda, aStride, k, m, 5, ldm);
      for (int r = 0; r < 4; r++) {
        float[] one = new float[n];
        AttentionVector.rowTimesMatrix(one, 0, n, a, 3 + r * lda, aStride, k, m, 5, ldm);
        for (int j = 0; j < n; j++) {
          assertEquals(Float.floatToIntBits(one[j]), Float.floatToIntBits(four[2 + r * ldo + j]),
              "n " + n + ", k " + k + ", row " + r + ", column " + j);
        }
      }
    }
  }

  private static float[] gaussian(Random rng, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    return x;
  }
}
