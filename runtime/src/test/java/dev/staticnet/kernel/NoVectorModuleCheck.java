package dev.staticnet.kernel;

import java.util.Random;

/**
 * Run by {@link GemmTest} in a JVM started WITHOUT {@code --add-modules jdk.incubator.vector}: the
 * public entry point must fall back to the scalar kernels instead of failing to load vector classes.
 */
public final class NoVectorModuleCheck {
  private NoVectorModuleCheck() {}

  public static void main(String[] args) {
    Random rnd = new Random(5);
    try {
      for (int v = 0; v < 4; v++) {
        GemmTest.Case c = new GemmTest.Case(rnd, (v & 1) != 0, (v & 2) != 0, 70, 90, 110, 0.5f);
        float[] out = c.c0.clone();
        Gemm.gemm(c.transA, c.transB, c.m, c.n, c.k, c.a, c.aOff, c.lda, c.b, c.bOff, c.ldb, c.beta, out, c.cOff,
            c.ldc);
        c.check(out, "no vector module");
      }
    } catch (AssertionError e) {
      System.out.println(e.getMessage());
      System.exit(1);
    }
    System.out.println("checked with " + Gemm.kernelName());
  }
}
