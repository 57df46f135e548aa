package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Gemm against a double-precision reference: every variant, odd sizes, offsets, both paths. */
class GemmTest {
  private static final int[] SIZES = {1, 3, 17, 33, 100};

  /** One problem: matrices stored with padding and offsets, plus the reference result. */
  static final class Case {
    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float beta;
    final int aOff = 3;
    final int bOff = 5;
    final int cOff = 7;
    final int lda;
    final int ldb;
    final int ldc;
    final float[] a;
    final float[] b;
    final float[] c0;
    final double[] expected; // (m, n)
    final double[] bound;    // (m, n) Σ|a·b| + |beta·c|: scale of the rounding error

    Case(Random rnd, boolean transA, boolean transB, int m, int n, int k, float beta) {
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
      this.beta = beta;
      lda = (transA ? m : k) + 2;
      ldb = (transB ? k : n) + 1;
      ldc = n + 3;
      a = random(rnd, aOff + (transA ? k : m) * lda);
      b = random(rnd, bOff + (transB ? n : k) * ldb);
      c0 = random(rnd, cOff + m * ldc);
      expected = new double[m * n];
      bound = new double[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          double abs = 0;
          for (int p = 0; p < k; p++) {
            double prod = (double) a(i, p) * b(p, j);
            sum += prod;
            abs += Math.abs(prod);
          }
          double old = beta == 0f ? 0 : (double) beta * c0[cOff + i * ldc + j];
          expected[i * n + j] = sum + old;
          bound[i * n + j] = abs + Math.abs(old);
        }
      }
    }

    float a(int i, int p) {
      return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    float b(int p, int j) {
      return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    float[] run(boolean simd, int threads) {
      float[] c = c0.clone();
      Gemm.gemm(simd, threads, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return c;
    }

    void check(float[] c, String path) {
      String name = path + " " + (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
          + " beta=" + beta;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double want = expected[i * n + j];
          double tol = 1e-6 * (1 + bound[i * n + j]) * (1 + Math.sqrt(k));
          float got = c[cOff + i * ldc + j];
          if (!(Math.abs(got - want) <= tol)) {
            throw new AssertionError(name + ": C[" + i + "][" + j + "] = " + got + ", expected " + want);
          }
        }
      }
      // padding between rows and before the offset is untouched
      for (int idx = 0; idx < c.length; idx++) {
        int rel = idx - cOff;
        boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
        if (!inside) {
          assertEquals(c0[idx], c[idx], name + ": element " + idx + " outside C changed");
        }
      }
    }
  }

  static float[] random(Random rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return x;
  }

  private static List<Boolean> paths() {
    List<Boolean> paths = new ArrayList<>();
    paths.add(false);
    if (Gemm.SIMD) {
      paths.add(true);
    }
    return paths;
  }

  @Test
  void vectorPathIsActiveInTests() {
    // surefire runs with --add-modules jdk.incubator.vector, so the fast path must be the default
    assertTrue(Gemm.SIMD, "Vector API path expected with --add-modules jdk.incubator.vector");
  }

  @Test
  void allVariantsOddSizesMatchDoubleReference() {
    Random rnd = new Random(42);
    for (boolean simd : paths()) {
      for (int v = 0; v < 4; v++) {
        for (int m : SIZES) {
          for (int n : SIZES) {
            for (int k : SIZES) {
              float beta = (m + n + k) % 3 == 0 ? 0f : (m + n + k) % 3 == 1 ? 1f : 0.5f;
              Case c = new Case(rnd, (v & 1) != 0, (v & 2) != 0, m, n, k, beta);
              c.check(c.run(simd, 1), simd ? "vector" : "scalar");
            }
          }
        }
      }
    }
  }

  @Test
  void largerSizesAcrossBlockEdgesAndThreads() {
    Random rnd = new Random(7);
    int[][] shapes = {{257, 100, 33}, {64, 500, 784}, {130, 257, 300}, {9, 1100, 270}, {300, 70, 513}, {1, 500, 784},
        {8, 784, 500}, {13, 1001, 77}, {16, 300, 70}};
    for (boolean simd : paths()) {
      for (int[] s : shapes) {
        for (int v = 0; v < 4; v++) {
          for (float beta : new float[] {0f, 1f}) {
            Case c = new Case(rnd, (v & 1) != 0, (v & 2) != 0, s[0], s[1], s[2], beta);
            float[] one = c.run(simd, 1);
            c.check(one, simd ? "vector" : "scalar");
            // the split never changes a sum's order: bit-identical on two threads
            assertArrayEquals(one, c.run(simd, 2), "thread count changed the result");
          }
        }
      }
    }
  }

  /**
   * Whole panels of A are read in place, except when A's rows are a multiple of 4 KiB apart (packed
   * then): both must give the same bits, on every edge and across k blocks.
   */
  @Test
  void packedAndInPlaceAGiveTheSameBits() {
    Random rnd = new Random(11);
    int m = 2 * GemmVector.MR * 9 + 5; // more than one MC block, and a partial panel
    int n = 77;
    int k = 1024;                      // several k blocks
    float[] b = random(rnd, k * n);
    float[] packedLayout = random(rnd, m * 1024);  // lda 1024: rows 4 KiB apart, packed
    float[] inPlaceLayout = new float[m * 1030];     // lda 1030: read in place
    for (int i = 0; i < m; i++) {
      System.arraycopy(packedLayout, i * 1024, inPlaceLayout, i * 1030, 1024);
    }
    for (int threads : new int[] {1, 2}) {
      float[] c1 = new float[m * n];
      float[] c2 = new float[m * n];
      Gemm.gemm(Gemm.SIMD, threads, false, false, m, n, k, packedLayout, 0, 1024, b, 0, n, 0f, c1, 0, n);
      Gemm.gemm(Gemm.SIMD, threads, false, false, m, n, k, inPlaceLayout, 0, 1030, b, 0, n, 0f, c2, 0, n);
      assertArrayEquals(c1, c2, "threads " + threads);
    }
  }

  @Test
  void betaZeroIgnoresNaNInC() {
    for (boolean simd : paths()) {
      int m = 40;
      int n = 50;
      int k = 60;
      float[] a = new float[m * k];
      float[] b = new float[k * n];
      java.util.Arrays.fill(a, 1f);
      java.util.Arrays.fill(b, 0.5f);
      float[] c = new float[m * n];
      java.util.Arrays.fill(c, Float.NaN);
      Gemm.gemm(simd, 1, false, false, m, n, k, a, 0, k, b, 0, n, 0f, c, 0, n);
      for (float v : c) {
        assertEquals(30f, v, 0f);
      }
    }
  }

  @Test
  void zeroKScalesC() {
    float[] c = {1f, 2f, 3f, 4f};
    Gemm.gemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, 0.5f, c, 0, 2);
    assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, c);
  }

  @Test
  void badLeadingDimensionOrShortArrayIsRejected() {
    float[] a = new float[12];
    float[] b = new float[12];
    float[] c = new float[9];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.gemm(false, false, 3, 3, 4, a, 0, 3, b, 0, 3, 0f, c, 0, 3));
    assertTrue(e.getMessage().contains("leading dimension of A must be at least 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.gemm(false, false, 3, 3, 4, a, 1, 4, b, 0, 3, 0f, c, 0, 3));
    assertTrue(e.getMessage().contains("the array has 12"), e.getMessage());
  }

  @Test
  void concurrentCallersGetTheSameResultsAsSequentialOnes() throws Exception {
    Random rnd = new Random(3);
    List<Case> cases = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Case c = new Case(rnd, i % 2 == 1, i % 3 == 0, 96 + 13 * i, 160 + 7 * i, 120 + 11 * i, i % 2);
      cases.add(c);
      expected.add(c.run(Gemm.SIMD, 1));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        Callable<Boolean> job = () -> {
          for (int rep = 0; rep < 20; rep++) {
            int i = (rep + offset) % cases.size();
            float[] got = cases.get(i).run(Gemm.SIMD, Parallel.threads());
            if (!java.util.Arrays.equals(got, expected.get(i))) {
              return false;
            }
          }
          return true;
        };
        results.add(pool.submit(job));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get(), "a concurrent gemm differed from the sequential result");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void otherVectorWidthsAreCorrectToo() throws Exception {
    // the 512-bit kernels (8-row tiles, 4 x 4 dots) run on AVX-512 machines; check them (and 128) in a
    // child JVM whatever this machine prefers
    for (int bits : new int[] {512, 128}) {
      String launcher = System.getProperty("java.home") + "/bin/java";
      Process child = new ProcessBuilder(launcher, "--add-modules", "jdk.incubator.vector",
          "-Dstaticnet.vectorBits=" + bits, "-cp", System.getProperty("java.class.path"),
          GemmWidthCheck.class.getName())
          .redirectErrorStream(true).start();
      String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(0, child.waitFor(), bits + "-bit vectors: " + output);
      assertTrue(output.contains("checked"), output);
    }
  }

  @Test
  void runsScalarWithoutTheVectorModule() throws Exception {
    String launcher = System.getProperty("java.home") + "/bin/java";
    Process child = new ProcessBuilder(launcher, "-cp", System.getProperty("java.class.path"),
        NoVectorModuleCheck.class.getName()).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), output);
    assertTrue(output.contains("checked with scalar"), output);
  }

  @Test
  void publicEntryPointUsesDefaultPath() {
    Case c = new Case(new Random(5), false, true, 50, 60, 70, 1f);
    float[] out = c.c0.clone();
    Gemm.gemm(false, true, 50, 60, 70, c.a, c.aOff, c.lda, c.b, c.bOff, c.ldb, 1f, out, c.cOff, c.ldc);
    c.check(out, "default");
    assertFalse(Gemm.kernelName().isEmpty());
  }
}
