package dev.staticnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Optimizer;
import dev.staticnet.data.Batches;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final int N = 1000;
  private static final int DIM = 5;
  private static final int CLASSES = 3;

  /** Three Gaussian blobs centred at 3 * e_k (k = class) with unit noise: about 98 % separable. */
  private static float[] inputs;
  private static int[] labels;

  static {
    Rng rng = new Rng(9);
    inputs = new float[N * DIM];
    labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % CLASSES;
      for (int j = 0; j < DIM; j++) {
        inputs[i * DIM + j] = (float) rng.nextGaussian() + (j == labels[i] ? 3f : 0f);
      }
    }
  }

  private static double[] train(Optimizer opt, LrSchedule schedule, SoftmaxRegression model, int epochs) {
    Trainer trainer = new Trainer(model, opt, Batches.of(inputs, labels, DIM, 32, true, 5), schedule);
    double[] losses = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      EpochStats stats = trainer.epoch();
      assertEquals(e + 1, stats.epoch());
      assertEquals(N, stats.samples());
      assertTrue(stats.seconds() > 0);
      losses[e] = stats.meanLoss();
    }
    assertEquals(epochs * 32L, trainer.steps()); // 1000 / 32 -> 31 full batches + 1 of 8
    return losses;
  }

  @Test
  void trainsAndEvaluates() {
    SoftmaxRegression model = new SoftmaxRegression(DIM, CLASSES, 1);
    Evaluator eval = new Evaluator(inputs, labels, DIM, CLASSES, 300); // 3 batches of 300 and one of 100
    double before = eval.accuracy(model);
    double[] losses = train(Optimizer.sgd(0.1f, 0.9f), null, model, 5);
    assertTrue(losses[4] < losses[0] && losses[4] < 0.15, "losses " + java.util.Arrays.toString(losses));
    double after = eval.accuracy(model);
    assertTrue(after > 0.95 && after > before, "accuracy " + before + " -> " + after);
  }

  @Test
  void sameSeedSameTraining() {
    SoftmaxRegression a = new SoftmaxRegression(DIM, CLASSES, 1);
    SoftmaxRegression b = new SoftmaxRegression(DIM, CLASSES, 1);
    assertArrayEquals(train(Optimizer.adam(0.01f), null, a, 2), train(Optimizer.adam(0.01f), null, b, 2));
    assertArrayEquals(a.params, b.params);
  }

  @Test
  void scheduleSetsTheRatePerStep() {
    Optimizer opt = Optimizer.sgd(1f);
    train(opt, LrSchedule.cosine(0.1f, 64, 0.001f), new SoftmaxRegression(DIM, CLASSES, 1), 2);
    assertEquals(0.001f + 0.099f * (1 + Math.cos(Math.PI * 63 / 64)) / 2, opt.learningRate(), 1e-7);
  }

  @Test
  void batchesWithTargetsUseTheTargetOverload() {
    float[] targets = new float[N]; // target of sample i is i: the epoch's mean "loss" is the mean of 0..N-1
    for (int i = 0; i < N; i++) {
      targets[i] = i;
    }
    SoftmaxRegression model = new SoftmaxRegression(DIM, CLASSES, 1);
    Trainer trainer = new Trainer(model, Optimizer.sgd(0.1f),
        Batches.withTargets(inputs, targets, DIM, 1, 100, true, 2), null);
    EpochStats stats = trainer.epoch();
    assertEquals(10, model.targetSteps);
    assertEquals((N - 1) / 2.0, stats.meanLoss(), 1e-3);
  }

  @Test
  void divergenceIsReported() {
    float[] bad = inputs.clone();
    bad[0] = Float.NaN;
    Trainer trainer = new Trainer(new SoftmaxRegression(DIM, CLASSES, 1), Optimizer.sgd(0.1f),
        Batches.of(bad, labels, DIM, 1000, false, 0), null);
    ArithmeticException e = assertThrows(ArithmeticException.class, trainer::epoch);
    assertTrue(e.getMessage().contains("epoch 1, batch 0") && e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void argMaxTakesTheFirstOfTies() {
    assertEquals(1, Evaluator.argMax(new float[] {9f, 0f, 5f, 5f, 1f}, 1, 4));
    assertEquals(0, Evaluator.argMax(new float[] {2f, 2f}, 0, 2));
  }
}
