package dev.staticnet.kernel;

import java.util.Random;

/**
 * Runs the Gemm cases on the vector path in a JVM started by {@link GemmTest} with another vector
 * width ({@code -Dstaticnet.vectorBits}); exits non-zero on the first wrong element.
 */
public final class GemmWidthCheck {
  private GemmWidthCheck() {}

  public static void main(String[] args) {
    Random rnd = new Random(11);
    int[][] shapes = {{1, 3, 5}, {17, 33, 3}, {8, 64, 100}, {13, 100, 33}, {33, 70, 40}, {100, 65, 17}, {9, 40, 257}};
    int count = 0;
    try {
      for (int[] s : shapes) {
        for (int v = 0; v < 4; v++) {
          for (float beta : new float[] {0f, 1f, 0.5f}) {
            GemmTest.Case c = new GemmTest.Case(rnd, (v & 1) != 0, (v & 2) != 0, s[0], s[1], s[2], beta);
            c.check(c.run(true, 1), "vector " + System.getProperty("staticnet.vectorBits") + " bits");
            count++;
          }
        }
      }
    } catch (AssertionError e) {
      System.out.println(e.getMessage());
      System.exit(1);
    }
    System.out.println("checked " + count + " cases");
  }
}
