package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Optimizer;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class EvolutionStrategyTest {
  private static final int D = 20;

  /** Keeps the gradient it is given and changes nothing. */
  private static final class Recorder extends Optimizer {
    float[] last;

    @Override
    public void step(float[] params, float[] grads) {
      last = grads.clone();
    }

    @Override
    public float learningRate() {
      return 0;
    }

    @Override
    public void setLearningRate(float lr) {}
  }

  private static float[] target() {
    Rng rng = new Rng(77);
    float[] t = new float[D];
    for (int i = 0; i < D; i++) {
      t[i] = rng.uniform(-1f, 1f);
    }
    return t;
  }

  private static ToDoubleFunction<float[]> quadratic(float[] t) {
    return w -> {
      double s = 0;
      for (int i = 0; i < w.length; i++) {
        s += (i % 3 + 1) * (w[i] - t[i]) * (w[i] - t[i]);
      }
      return s;
    };
  }

  private static double distance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  @Test
  void estimatePointsAlongTheGradientOfALinearLoss() {
    float[] c = target();
    Recorder rec = new Recorder();
    new EvolutionStrategy(500, 0.1f, 3).step(new float[D], w -> {
      double s = 0;
      for (int i = 0; i < D; i++) {
        s += c[i] * w[i];
      }
      return s;
    }, rec);
    double dot = 0;
    double nc = 0;
    double ng = 0;
    for (int i = 0; i < D; i++) {
      dot += c[i] * rec.last[i];
      nc += c[i] * c[i];
      ng += rec.last[i] * rec.last[i];
    }
    double cosine = dot / Math.sqrt(nc * ng);
    assertTrue(cosine > 0.9, "cosine between the estimate and the true gradient: " + cosine);
  }

  @Test
  void minimisesAQuadraticWithAnyOptimiser() {
    float[] t = target();
    for (Optimizer opt : new Optimizer[] {Optimizer.adam(0.05f), Optimizer.sgd(0.005f, 0.9f)}) {
      float[] theta = new float[D];
      double start = distance(theta, t);
      EvolutionStrategy es = new EvolutionStrategy(25, 0.05f, 1);
      for (int s = 0; s < 300; s++) {
        es.step(theta, quadratic(t), opt);
      }
      double end = distance(theta, t);
      assertTrue(end < 0.1 * start, opt.getClass().getSimpleName() + ": distance " + start + " -> " + end);
    }
  }

  @Test
  void rankShapingIgnoresMonotoneRescalingOfTheLoss() {
    float[] t = target();
    ToDoubleFunction<float[]> q = quadratic(t);
    float[] a = new float[D];
    float[] b = new float[D];
    EvolutionStrategy esA = new EvolutionStrategy(10, 0.1f, 5);
    EvolutionStrategy esB = new EvolutionStrategy(10, 0.1f, 5);
    Optimizer optA = Optimizer.sgd(0.1f);
    Optimizer optB = Optimizer.sgd(0.1f);
    for (int s = 0; s < 5; s++) {
      esA.step(a, q, optA);
      esB.step(b, w -> 1000 * Math.log1p(q.applyAsDouble(w)) + 7, optB);
    }
    assertArrayEquals(a, b);
  }

  @Test
  void sameSeedSameRunAndNoAllocationAfterTheFirstStep() {
    float[] t = target();
    ToDoubleFunction<float[]> q = quadratic(t);
    float[] a = new float[D];
    float[] b = new float[D];
    EvolutionStrategy esA = new EvolutionStrategy(8, 0.1f, 9);
    EvolutionStrategy esB = new EvolutionStrategy(8, 0.1f, 9);
    Optimizer optA = Optimizer.adam(0.01f);
    Optimizer optB = Optimizer.adam(0.01f);
    for (int s = 0; s < 50; s++) {
      esA.step(a, q, optA);
      esB.step(b, q, optB);
    }
    assertArrayEquals(a, b);
    long before = OptimizerTestSupport.allocatedBytes();
    for (int s = 0; s < 100; s++) {
      esA.step(a, q, optA);
    }
    long allocated = OptimizerTestSupport.allocatedBytes() - before;
    assertTrue(allocated < 4096, "100 steps allocated " + allocated + " bytes");
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new EvolutionStrategy(0, 0.1f, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EvolutionStrategy(4, 0f, 0));
    assertTrue(e.getMessage().contains("sigma") && e.getMessage().contains("0.0"), e.getMessage());
  }
}
