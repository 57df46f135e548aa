package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job's pieces on a few hundred Fashion-MNIST images (skipped where the Debian package is absent). */
class FashionJobTest {
  private static ImageData data;

  @TempDir Path dir;

  @BeforeAll
  static void loadFashionMnist() throws IOException {
    assumeTrue(FashionMnist.isComplete(FashionMnist.DEBIAN_DIR), "needs Debian's dataset-fashion-mnist");
    data = ImageData.load(FashionMnist.DEBIAN_DIR, ImageData.FASHION_MEAN, ImageData.FASHION_STD, 0).first(640, 200);
  }

  @Test
  void trainsWritesAndReloadsAnIdenticalModel() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path checkpoint = dir.resolve("sub").resolve("lenet.ckpt");
    Recipe recipe = new Recipe("adam", 2e-3f, 64, 2);
    FashionJob.Outcome outcome =
        FashionJob.run(data, recipe, 7, checkpoint, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String log = bytes.toString(StandardCharsets.UTF_8);

    assertTrue(outcome.roundTripExact(), log);
    assertEquals(20L, outcome.trained().steps(), "2 epochs of 640 / 64");
    assertEquals(20L, outcome.reloadedStep());
    assertEquals(outcome.trained().accuracy(), outcome.reloadedAccuracy());
    // 640 images are enough to beat chance by far; the fresh model (another seed) is near chance.
    assertTrue(outcome.trained().accuracy() > 0.45, log);
    assertTrue(outcome.freshAccuracy() < 0.3, log);
    assertTrue(Files.size(checkpoint) > 4L * 61_706, "holds at least the weights");
    assertTrue(log.contains("epoch 1/2  loss ") && log.contains("epoch 2/2  loss "), log);
    assertTrue(log.contains("samples/s") && log.contains("test accuracy"), log);
    assertTrue(log.contains("logits bit-identical"), log);
  }

  @Test
  void limitKeepsTheFirstImagesOfEachSplit() {
    ImageData few = data.first(100, 20);
    assertEquals(100, few.train().count());
    assertEquals(20, few.test().count());
    assertEquals(100 * 784, few.train().images().length);
    assertEquals(data.train().labels()[99], few.train().labels()[99]);
    assertEquals(data.test().images()[20 * 784 - 1], few.test().images()[20 * 784 - 1]);
  }
}
