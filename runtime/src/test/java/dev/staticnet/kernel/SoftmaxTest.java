package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
  @Test
  void softmaxRowsSumToOneAndSurviveHugeLogits() {
    float[] x = {1e4f, -1e4f, 0f, 1e4f, 1f, 2f, 3f, 4f};
    float[] y = new float[8];
    Softmax.forward(y, x, 2, 4);
    assertEquals(0.5f, y[0], 1e-7f);
    assertEquals(0f, y[1]);
    assertEquals(0.5f, y[3], 1e-7f);
    double sum = 0;
    for (int i = 4; i < 8; i++) {
      sum += y[i];
    }
    assertEquals(1, sum, 1e-6);
    assertEquals(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4)), y[4], 1e-7);
    LogSoftmax.forward(y, x, 2, 4);
    assertEquals(-Math.log(2), y[0], 1e-6);
    assertEquals(-2e4f - (float) Math.log(2), y[1], 1e-2);
    for (float v : y) {
      assertTrue(Float.isFinite(v));
    }
  }

  @Test
  void softmaxBackwardMatchesFiniteDifferences() {
    Random rnd = new Random(1);
    int rows = 3;
    int n = 7;
    float[] x = GradCheck.random(rnd, rows * n, -3, 3);
    float[] w = GradCheck.random(rnd, rows * n, -1, 1);
    float[] y = new float[rows * n];
    java.util.function.DoubleSupplier loss = () -> {
      Softmax.forward(y, x, rows, n);
      return GradCheck.dot(w, y, rows * n);
    };
    loss.getAsDouble();
    float[] dx = new float[rows * n];
    Softmax.backward(dx, w, y, rows, n);
    GradCheck.check("Softmax", x, loss, dx, 1e-2f, 1e-3);
  }

  @Test
  void logSoftmaxBackwardMatchesFiniteDifferences() {
    Random rnd = new Random(2);
    int rows = 3;
    int n = 7;
    float[] x = GradCheck.random(rnd, rows * n, -3, 3);
    float[] w = GradCheck.random(rnd, rows * n, -1, 1);
    float[] y = new float[rows * n];
    java.util.function.DoubleSupplier loss = () -> {
      LogSoftmax.forward(y, x, rows, n);
      return GradCheck.dot(w, y, rows * n);
    };
    loss.getAsDouble();
    float[] dx = new float[rows * n];
    LogSoftmax.backward(dx, w, y, rows, n);
    GradCheck.check("LogSoftmax", x, loss, dx, 1e-2f, 1e-3);
  }
}
