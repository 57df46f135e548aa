package dev.staticnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {
  @TempDir Path dir;

  /** Writes a tiny data set: n images of 2x3 whose pixel j of image i is 10*i + j, label i % 10. */
  private void writeSplit(String split, int n, int labelCount, boolean gz) throws IOException {
    byte[] pixels = new byte[n * 6];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 6; j++) {
        pixels[i * 6 + j] = (byte) (10 * i + j);
      }
    }
    byte[] labels = new byte[labelCount];
    for (int i = 0; i < labelCount; i++) {
      labels[i] = (byte) (i % 10);
    }
    String ext = gz ? ".gz" : "";
    Idx.write(dir.resolve(split + "-images-idx3-ubyte" + ext), new int[] {n, 2, 3}, pixels);
    Idx.write(dir.resolve(split + "-labels-idx1-ubyte" + ext), new int[] {labelCount}, labels);
  }

  @Test
  void loadsAndNormalisesAnyDirectory() throws IOException {
    writeSplit("train", 4, 4, true);
    writeSplit("t10k", 3, 3, false);
    MnistDataset d = MnistDataset.load(dir);
    LabeledImages train = d.train();
    assertEquals(4, train.count());
    assertEquals(2, train.rows());
    assertEquals(3, train.cols());
    assertEquals(6, train.sampleSize());
    assertEquals(24, train.images().length);
    assertEquals(3, train.labels()[3]);
    // pixel 5 of image 2 is 25: (25 / 255 - 0.1307) / 0.3081
    assertEquals((25 / 255.0 - 0.1307) / 0.3081, train.images()[2 * 6 + 5], 1e-6);
    assertEquals(3, d.test().count());
    // a custom normalisation
    MnistDataset raw = MnistDataset.load(dir, 0f, 1f);
    assertEquals(25 / 255.0, raw.train().images()[17], 1e-7);
  }

  @Test
  void rejectsMismatchedCounts() throws IOException {
    writeSplit("train", 5, 4, false);
    writeSplit("t10k", 3, 3, false);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistDataset.load(dir));
    assertTrue(e.getMessage().contains("train-labels-idx1-ubyte") && e.getMessage().contains("holds 4 labels")
        && e.getMessage().contains("5 images"), e.getMessage());
  }

  @Test
  void rejectsWrongRank() throws IOException {
    writeSplit("t10k", 3, 3, false);
    Idx.write(dir.resolve("train-images-idx3-ubyte"), new int[] {3, 6}, new byte[18]);
    Idx.write(dir.resolve("train-labels-idx1-ubyte"), new int[] {3}, new byte[3]);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistDataset.load(dir));
    assertTrue(e.getMessage().contains("rank 3") && e.getMessage().contains("[3, 6]"), e.getMessage());
  }

  @Test
  void rejectsLabelsOutOfRange() throws IOException {
    writeSplit("train", 2, 2, false);
    writeSplit("t10k", 2, 2, false);
    Idx.write(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {2}, new byte[] {1, 12});
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistDataset.load(dir));
    assertTrue(e.getMessage().contains("label 12 at index 1"), e.getMessage());
  }

  @Test
  void namesTheMissingFile() throws IOException {
    writeSplit("train", 2, 2, false);
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistDataset.load(dir));
    assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz") && e.getMessage().contains(dir.toString()),
        e.getMessage());
  }

  @Test
  void realMnistTestSet() throws IOException {
    Path mnist = MnistDataset.defaultDirectory();
    assumeTrue(Files.isDirectory(mnist), "no MNIST at " + mnist.toAbsolutePath());
    MnistDataset d = MnistDataset.load(mnist);
    assertEquals(10_000, d.test().count());
    assertEquals(7, d.test().labels()[0]);
    assertEquals(2, d.test().labels()[1]);
    assertEquals(60_000, d.train().count());
    assertEquals(5, d.train().labels()[0]);
    assertEquals(28, d.train().rows());
    // the normalised training set has mean ~0 and std ~1 (that is what 0.1307 / 0.3081 are for)
    double sum = 0;
    double sumSq = 0;
    for (float x : d.train().images()) {
      sum += x;
      sumSq += (double) x * x;
    }
    int n = d.train().images().length;
    assertEquals(0, sum / n, 1e-3);
    assertEquals(1, Math.sqrt(sumSq / n - (sum / n) * (sum / n)), 1e-3);
  }
}
