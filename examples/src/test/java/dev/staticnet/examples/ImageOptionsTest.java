package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The image programs' command line and the recipe it makes. */
class ImageOptionsTest {
  @Test
  void defaultsApplyAndBothSyntaxesParse() {
    ImageOptions none = ImageOptions.parse(new String[0], 3, 64);
    assertEquals(3, none.epochs());
    assertEquals(64, none.batch());
    assertNull(none.data());
    assertEquals(0, none.limit());
    assertEquals(Path.of("x"), none.dataOr(Path.of("x")));
    assertEquals(1e-3f, none.lrOr(1e-3f));

    ImageOptions some = ImageOptions.parse(new String[] {"--epochs=5", "--data", "/d", "--lr", "0.05",
        "--optimizer=sgd", "--batch", "128", "--seed", "-3", "--limit", "300", "--checkpoint", "c.ckpt"}, 3, 64);
    assertEquals(5, some.epochs());
    assertEquals(Path.of("/d"), some.data());
    assertEquals(0.05f, some.lrOr(1e-3f));
    assertEquals(128, some.batch());
    assertEquals(-3L, some.seed());
    assertEquals(300, some.limit());
    assertEquals(Path.of("c.ckpt"), some.checkpoint());
    Recipe recipe = Recipe.of(some, "adam", 1e-3f);
    assertEquals(new Recipe("sgd", 0.05f, 128, 5), recipe);
  }

  @Test
  void badValuesNameTheOptionAndWhatItExpects() {
    assertMessage("--epochs expects a positive integer, got '0'", "--epochs", "0");
    assertMessage("--lr expects a positive number, got 'fast'", "--lr", "fast");
    assertMessage("--optimizer expects adam or sgd, got 'lbfgs'", "--optimizer", "lbfgs");
    assertMessage("--seed expects an integer, got '1.5'", "--seed=1.5");
    assertMessage("unknown option '--model'", "--model", "lenet");
    assertMessage("--data needs a value", "--data");
    assertThrows(ImageOptions.HelpRequested.class, () -> ImageOptions.parse(new String[] {"--help"}, 1, 1));
  }

  @Test
  void theScheduleDecaysFromThePeakToZeroOverTheRun() {
    Recipe recipe = new Recipe("adam", 2e-3f, 64, 2);
    var schedule = recipe.schedule(640); // 10 batches per epoch, 20 steps
    assertEquals(2e-3f, schedule.at(0));
    assertEquals(1e-3f, schedule.at(10), 1e-9f);
    assertEquals(0f, schedule.at(20), 1e-12f);
    assertTrue(recipe.toString().startsWith("Adam lr 0.002 (cosine decay), batch 64, 2 epochs"), recipe.toString());
    assertEquals(2e-3f, recipe.newOptimizer().learningRate());
  }

  private static void assertMessage(String expected, String... args) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageOptions.parse(args, 1, 1));
    assertEquals(expected, e.getMessage());
  }
}
