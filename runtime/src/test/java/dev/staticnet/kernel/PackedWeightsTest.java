package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Gemm#gemmWeights} with pre-packed weights gives the bits of the per-call packing GEMM, on
 * every split, and repacks when the owner reports new weights.
 */
class PackedWeightsTest {
  /** (m, n, k): packed kernel sizes; k above the 256-row block, n off the panel width, row and column splits. */
  private static final int[][] SHAPES = {
      {64, 384, 128}, {64, 128, 512}, {40, 100, 300}, {200, 50, 70}, {33, 1000, 513}, {96, 7, 64}};

  private static float[] product(PackedWeights packed, int threads, int m, int n, int k, float[] a, float[] w,
                                 int wOff, float beta, float[] c0) {
    float[] c = c0.clone();
    Gemm.gemmWeights(Gemm.SIMD, threads, packed, m, n, k, a, 2, k + 1, w, wOff, beta, c, 1, n + 2);
    return c;
  }

  private static float[] reference(int threads, int m, int n, int k, float[] a, float[] w, int wOff, float beta,
                                   float[] c0) {
    float[] c = c0.clone();
    Gemm.gemm(Gemm.SIMD, threads, false, true, m, n, k, a, 2, k + 1, w, wOff, k, beta, c, 1, n + 2);
    return c;
  }

  @Test
  void prepackedProductsEqualPerCallPackingBitForBit() {
    Random rnd = new Random(5);
    for (int[] s : SHAPES) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      float[] a = GemmTest.random(rnd, 2 + m * (k + 1));
      float[] w = GemmTest.random(rnd, 3 + n * k);
      float[] c0 = GemmTest.random(rnd, 1 + m * (n + 2));
      for (int threads : new int[] {1, Math.max(2, Parallel.threads())}) {
        for (float beta : new float[] {0f, 1f}) {
          PackedWeights packed = new PackedWeights();
          String what = m + "x" + n + "x" + k + ", threads " + threads + ", beta " + beta;
          float[] expected = reference(threads, m, n, k, a, w, 3, beta, c0);
          assertArrayEquals(expected, product(packed, threads, m, n, k, a, w, 3, beta, c0), what);
          assertArrayEquals(expected, product(packed, threads, m, n, k, a, w, 3, beta, c0), what + ", reused");
          assertEquals(Gemm.SIMD ? GemmVector.packedSize(k, n) : 0, packed.packedFloats(), what);
        }
      }
    }
  }

  /** A Linear layer's product with its bias fused into the tiles: the bits of filling C with b, then adding A·Wᵀ. */
  @Test
  void fusedBiasEqualsFillingCWithTheBiasFirst() {
    Random rnd = new Random(8);
    for (int[] s : SHAPES) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      float[] a = GemmTest.random(rnd, 2 + m * (k + 1));
      float[] w = GemmTest.random(rnd, 3 + n * k + n); // W at 3, b after it
      int bOff = 3 + n * k;
      for (int threads : new int[] {1, Math.max(2, Parallel.threads())}) {
        float[] expected = new float[1 + m * (n + 2)];
        for (int r = 0; r < m; r++) {
          System.arraycopy(w, bOff, expected, 1 + r * (n + 2), n);
        }
        Gemm.gemm(Gemm.SIMD, threads, false, true, m, n, k, a, 2, k + 1, w, 3, k, 1f, expected, 1, n + 2);
        for (PackedWeights packed : new PackedWeights[] {null, new PackedWeights()}) {
          float[] c = GemmTest.random(rnd, 1 + m * (n + 2)); // overwritten inside C, kept outside
          float[] before = c.clone();
          Gemm.gemmWeightsBias(Gemm.SIMD, threads, packed, m, n, k, a, 2, k + 1, w, 3, bOff, c, 1, n + 2);
          String what = m + "x" + n + "x" + k + ", threads " + threads + (packed == null ? "" : ", pre-packed");
          for (int i = 0; i < c.length; i++) {
            int rel = i - 1;
            boolean inside = rel >= 0 && rel / (n + 2) < m && rel % (n + 2) < n;
            assertEquals(inside ? expected[i] : before[i], c[i], 0f, what + ", element " + i);
          }
        }
      }
    }
  }

  @Test
  void newWeightsArePackedAgainOnlyAfterSync() {
    Random rnd = new Random(6);
    int m = 64;
    int n = 96;
    int k = 80;
    float[] a = GemmTest.random(rnd, 2 + m * (k + 1));
    float[] w = GemmTest.random(rnd, n * k);
    float[] c0 = new float[1 + m * (n + 2)];
    PackedWeights packed = new PackedWeights();
    packed.sync(1);
    float[] before = product(packed, 1, m, n, k, a, w, 0, 0f, c0);
    Arrays.fill(w, 0, k, 0.5f); // a new first row of W: column 0 of the product changes
    float[] stale = product(packed, 1, m, n, k, a, w, 0, 0f, c0);
    packed.sync(2);
    float[] fresh = product(packed, 1, m, n, k, a, w, 0, 0f, c0);
    assertArrayEquals(reference(1, m, n, k, a, w, 0, 0f, c0), fresh);
    if (Gemm.SIMD) { // the scalar kernels never pack, so they cannot be stale
      assertArrayEquals(before, stale, "same version: the panels are reused");
      assertFalse(Arrays.equals(before, fresh), "new version: the panels are packed again");
    }
  }

  @Test
  void smallOrFewRowProductsDoNotPack() {
    Random rnd = new Random(7);
    PackedWeights packed = new PackedWeights();
    int[][] shapes = {{1, 500, 784}, {32, 64, 64}, {40, 4, 8}}; // in-place rows, NT_MAX_ROWS, tiny
    for (int[] s : shapes) {
      float[] a = GemmTest.random(rnd, 2 + s[0] * (s[2] + 1));
      float[] w = GemmTest.random(rnd, s[1] * s[2]);
      float[] c0 = new float[1 + s[0] * (s[1] + 2)];
      assertArrayEquals(reference(1, s[0], s[1], s[2], a, w, 0, 0f, c0),
          product(packed, 1, s[0], s[1], s[2], a, w, 0, 0f, c0));
    }
    assertEquals(0, packed.packedFloats());
  }

  @Test
  void oneOffsetCannotChangeShape() {
    if (!Gemm.SIMD) {
      return;
    }
    PackedWeights packed = new PackedWeights();
    float[] w = new float[64 * 64];
    float[] a = new float[64 * 64];
    Gemm.gemmWeights(true, 1, packed, 64, 64, 64, a, 0, 64, w, 0, 0f, new float[64 * 64], 0, 64);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.gemmWeights(true, 1, packed, 64, 32, 64, a, 0, 64, w, 0, 0f, new float[64 * 32], 0, 32));
    assertTrue(e.getMessage().contains("was packed as 64 x 64, now asked for as 32 x 64"), e.getMessage());
  }
}
