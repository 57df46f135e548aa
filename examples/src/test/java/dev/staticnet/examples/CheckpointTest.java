package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.io.Checkpoint;
import dev.staticnet.io.Safetensors;
import dev.staticnet.io.WeightsMismatchException;
import dev.staticnet.train.Sgd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of real generated models: stopping, writing, reading into a fresh model and optimiser
 * and continuing gives exactly the parameters of never stopping.
 */
class CheckpointTest {
  private static final int BATCH = 8;

  @TempDir Path dir;

  /** Training step {@code step}'s batch: a fixed function of the step, so both runs see the same data. */
  private static float trainStep(Model m, Optimizer opt, int step) {
    int in = m.inputShape().size();
    int classes = m.outputShape().size();
    return m.trainStep(TestData.uniform(BATCH * in, 100 + step), TestData.labels(BATCH, classes, 200 + step), BATCH,
        opt);
  }

  private void assertResumesBitIdentically(Supplier<Model> model, Supplier<Optimizer> optimizer, int before,
      int after) throws IOException {
    Model straight = model.get();
    Optimizer straightOpt = optimizer.get();
    for (int s = 0; s < before + after; s++) {
      trainStep(straight, straightOpt, s);
    }

    Model first = model.get();
    Optimizer firstOpt = optimizer.get();
    for (int s = 0; s < before; s++) {
      trainStep(first, firstOpt, s);
    }
    Path p = dir.resolve("run.ckpt");
    Checkpoint.write(p, first, firstOpt, before);

    Model resumed = model.get();
    trainStep(resumed, Optimizer.sgd(0.5f), 99); // make sure every tensor differs before reading
    Optimizer resumedOpt = optimizer.get();
    long step = Checkpoint.read(p, resumed, resumedOpt);
    assertEquals(before, step);
    float[] probe = TestData.uniform(3 * first.inputShape().size(), 5);
    assertArrayEquals(first.predict(probe, 3), resumed.predict(probe, 3), "predictions after reading");
    for (long s = step; s < before + after; s++) {
      trainStep(resumed, resumedOpt, (int) s);
    }
    for (String name : straight.parameters().names()) {
      assertArrayEquals(straight.parameters().get(name), resumed.parameters().get(name), name);
    }
    assertEquals(straightOpt.state(), resumedOpt.state());
    assertFalse(Arrays.equals(first.parameters().get(first.parameters().names().get(0)),
        resumed.parameters().get(resumed.parameters().names().get(0))), "training after the reload moved the weights");
  }

  @Test
  void lenet5WithAdamContinuesBitIdentically() throws IOException {
    assertResumesBitIdentically(() -> LeNet5.create(7), () -> Optimizer.adam(1e-3f), 3, 3);
  }

  @Test
  void residualNetWithBatchNormAndMomentumContinuesBitIdentically() throws IOException {
    // BatchNorm running statistics and num_batches_tracked counters travel with the checkpoint.
    assertResumesBitIdentically(() -> new StaticNet_ConvNets_SmallResNet(3),
        () -> Sgd.builder(0.05f).momentum(0.9f).build(), 2, 3);
    Model m = new StaticNet_ConvNets_SmallResNet(3);
    assertTrue(m.parameters().names().contains("stage1.0.bn1.num_batches_tracked"), m.parameters().names().toString());
  }

  @Test
  void checkpointOfAnotherNetworkIsRejectedAndTheModelIsUnchanged() throws IOException {
    Path p = dir.resolve("lenet.ckpt");
    Checkpoint.write(p, LeNet5.create(1), Optimizer.adam(1e-3f), 0);
    Model mlp = TwoLayerNet.create(2);
    float[] before = mlp.parameters().get("fc1.weight");
    WeightsMismatchException e = assertThrows(WeightsMismatchException.class,
        () -> Checkpoint.read(p, mlp, Optimizer.adam(1e-3f)));
    assertEquals(List.of("fc1.weight [500, 784]", "fc1.bias [500]", "fc2.weight [10, 500]", "fc2.bias [10]"),
        e.missing());
    assertEquals(10, e.unexpected().size(), e.getMessage());
    assertEquals(List.of("input shape: checkpoint [1, 28, 28], model [784]"), e.other());
    assertArrayEquals(before, mlp.parameters().get("fc1.weight"));
  }

  @Test
  void safetensorsRoundTripGivesTheSamePredictions() throws IOException {
    Model trained = LeNet5.create(3);
    Optimizer opt = Optimizer.adam(1e-3f);
    for (int s = 0; s < 2; s++) {
      trainStep(trained, opt, s);
    }
    Path p = dir.resolve("lenet5.safetensors");
    Safetensors.save(p, trained);
    Model loaded = LeNet5.create(4);
    Safetensors.load(p, loaded);
    float[] probe = TestData.uniform(2 * 784, 9);
    assertArrayEquals(trained.predict(probe, 2), loaded.predict(probe, 2));
    assertEquals(Set.copyOf(loaded.parameters().names()), Safetensors.read(p).tensors().keySet());
  }
}
