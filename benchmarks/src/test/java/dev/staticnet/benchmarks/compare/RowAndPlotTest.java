package dev.staticnet.benchmarks.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's plumbing: rows travel from child JVM to parent intact, and the plot draws them. */
class RowAndPlotTest {
  private static final Row TRAIN = new Row("lstm-train-32", "LSTM 64→256, 32 steps train step", 32, "samples/s",
      300.0, 100.0, true, 1.5, 0, 18_944, 32);
  private static final Row LATENCY = new Row("lenet-infer-1", "LeNet-5 inference latency", 1, "µs", 50.0, 100.0,
      false, 3.0, 0, 14_643, 0);

  @Test
  void recordRoundTripsAndTableShowsRatioAndTokens() {
    assertEquals(TRAIN, Row.parse(TRAIN.encode()));
    assertEquals(LATENCY, Row.parse(LATENCY.encode()));
    assertEquals(3.0, TRAIN.ratio(), 1e-12);
    assertTrue(TRAIN.met());
    assertEquals(2.0, LATENCY.ratio(), 1e-12); // PyTorch µs / StaticNet µs
    assertFalse(LATENCY.met());
    assertTrue(TRAIN.format().contains("| 3.00× | ≥ 1.5× | yes | 9600 / 3200 | 0 B | 18.5 KiB |"), TRAIN.format());
    assertThrows(IllegalArgumentException.class, () -> Row.parse("| not a record |"));
  }

  @Test
  void plotHasOneLanePerRowColouredByTarget(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("sub/ratios.png");
    RatioPlot.write(List.of(TRAIN, LATENCY), "test", png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1100, image.getWidth());
    assertEquals(78 + 2 * 40 + 70, image.getHeight());
    // just right of the bars' common start (x = 330), in the middle of each lane
    assertEquals(0x2e9e4f, image.getRGB(335, 78 + 20) & 0xffffff, "met: green");
    assertEquals(0xe88a1a, image.getRGB(335, 78 + 40 + 20) & 0xffffff, "missed: orange");
  }
}
