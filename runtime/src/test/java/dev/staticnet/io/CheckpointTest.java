package dev.staticnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.train.OptimizerState;
import dev.staticnet.train.Sgd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static final float[] X = {1, 2, 3, 4, -1, 0.5f, 2, -3, 0, 1, 1, 1};
  private static final float[] Y = {1, 0, -1, 0.5f, 0.5f, 0, 2, 1, 0};

  @TempDir Path dir;

  private static void train(Model m, Optimizer opt, int steps) {
    for (int s = 0; s < steps; s++) {
      m.trainStep(X, Y, 3, opt);
    }
  }

  @Test
  void roundTripRestoresTensorsOptimiserAndStepSoTrainingContinuesBitIdentically() throws IOException {
    TinyNet straight = new TinyNet(1);
    Optimizer straightOpt = Optimizer.adam(0.01f);
    train(straight, straightOpt, 7);

    TinyNet first = new TinyNet(1);
    Optimizer firstOpt = Optimizer.adam(0.01f);
    train(first, firstOpt, 3);
    Path p = dir.resolve("run.ckpt");
    Checkpoint.write(p, first, firstOpt, 3);

    TinyNet resumed = new TinyNet(2); // other seed: every value must come from the file
    Optimizer resumedOpt = Optimizer.adam(0.5f);
    assertEquals(3, Checkpoint.read(p, resumed, resumedOpt));
    Fixtures.assertSameTensors(Fixtures.snapshot(first), resumed);
    assertEquals(firstOpt.state(), resumedOpt.state());
    assertArrayEquals(first.predict(X, 3), resumed.predict(X, 3));
    assertArrayEquals(new float[] {3}, resumed.parameters().get("bn.num_batches_tracked"));

    train(resumed, resumedOpt, 4);
    Fixtures.assertSameTensors(Fixtures.snapshot(straight), resumed);
    assertEquals(straightOpt.state(), resumedOpt.state());
  }

  @Test
  void optimiserIsOptionalOnBothSides() throws IOException {
    TinyNet m = new TinyNet(3);
    Path p = dir.resolve("model-only.ckpt");
    Checkpoint.write(p, m, null, 42);
    TinyNet other = new TinyNet(4);
    assertEquals(42, Checkpoint.read(p, other, null));
    Fixtures.assertSameTensors(Fixtures.snapshot(m), other);

    TinyNet untouched = new TinyNet(5);
    Map<String, float[]> before = Fixtures.snapshot(untouched);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.read(p, untouched, Optimizer.adam(0.1f)));
    assertTrue(e.getMessage().endsWith("the checkpoint holds no optimiser state (written with a null optimiser); "
        + "pass null to restore the model alone"), e.getMessage());
    Fixtures.assertSameTensors(before, untouched);

    Optimizer opt = Optimizer.sgd(0.1f, 0.9f);
    train(m, opt, 2);
    Checkpoint.write(p, m, opt, 2);
    assertEquals(2, Checkpoint.read(p, other, null)); // state in the file, none wanted: fine
    Fixtures.assertSameTensors(Fixtures.snapshot(m), other);
  }

  @Test
  void anotherArchitectureIsRejectedNamingTheTensorsThatDiffer() throws IOException {
    TinyNet m = new TinyNet(1);
    Path p = dir.resolve("three.ckpt");
    Checkpoint.write(p, m, null, 0);
    TinyNet wider = new TinyNet(1, 5);
    Map<String, float[]> before = Fixtures.snapshot(wider);
    WeightsMismatchException e = assertThrows(WeightsMismatchException.class, () -> Checkpoint.read(p, wider, null));
    assertEquals(List.of("fc.weight: checkpoint [3, 4], model [5, 4]", "fc.bias: checkpoint [3], model [5]",
        "bn.running_mean: checkpoint [3], model [5]", "bn.running_var: checkpoint [3], model [5]"), e.misShaped());
    assertEquals(List.of("output shape: checkpoint [3], model [5]"), e.other());
    assertTrue(e.getMessage().contains("The checkpoint was written for another architecture (fingerprint "),
        e.getMessage());
    Fixtures.assertSameTensors(before, wider);
  }

  @Test
  void optimiserOfAnotherKindFailsAndLeavesModelAndOptimiserUntouched() throws IOException {
    TinyNet m = new TinyNet(1);
    Optimizer adam = Optimizer.adam(0.01f);
    train(m, adam, 2);
    Path p = dir.resolve("adam.ckpt");
    Checkpoint.write(p, m, adam, 2);

    TinyNet target = new TinyNet(7);
    Optimizer sgd = Sgd.builder(0.1f).momentum(0.9f).build();
    train(target, sgd, 1);
    Map<String, float[]> before = Fixtures.snapshot(target);
    OptimizerState sgdBefore = sgd.state();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(p, target, sgd));
    assertEquals("SGD: cannot restore the state of a Adam optimiser; build a Adam to continue from it", e.getMessage());
    Fixtures.assertSameTensors(before, target);
    assertEquals(sgdBefore, sgd.state());
  }

  @Test
  void everyFlippedByteIsDetected() throws IOException {
    TinyNet m = new TinyNet(1);
    Optimizer opt = Optimizer.rmsProp(0.01f);
    train(m, opt, 1);
    Path p = dir.resolve("flip.ckpt");
    Checkpoint.write(p, m, opt, 1);
    byte[] good = Files.readAllBytes(p);
    TinyNet target = new TinyNet(9);
    Map<String, float[]> before = Fixtures.snapshot(target);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      Files.write(p, bad);
      int at = i;
      IOException e = assertThrows(IOException.class, () -> Checkpoint.read(p, target, Optimizer.rmsProp(0.01f)),
          "byte " + at);
      assertTrue(e instanceof CheckpointFormatException, "byte " + at + ": " + e);
    }
    Fixtures.assertSameTensors(before, target);

    byte[] bad = good.clone();
    bad[good.length - 1] ^= 1; // last byte: a value of the optimiser state
    Files.write(p, bad);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(p, target, null));
    assertTrue(e.getMessage().matches(".*checksum mismatch \\(stored CRC32C [0-9a-f]{8}, content [0-9a-f]{8}\\): the "
        + "file is corrupted"), e.getMessage());
  }

  @Test
  void truncatedOrForeignFilesAreRejected() throws IOException {
    TinyNet m = new TinyNet(1);
    Path p = dir.resolve("cut.ckpt");
    Checkpoint.write(p, m, null, 0);
    byte[] good = Files.readAllBytes(p);
    Files.write(p, Arrays.copyOf(good, good.length - 7));
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(p, m, null));
    assertEquals(p + ": file has " + (good.length - 7) + " bytes but the checkpoint declares " + good.length
        + " (truncated)", e.getMessage());
    Files.write(p, Arrays.copyOf(good, 10));
    e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(p, m, null));
    assertEquals(p + ": file has 10 bytes, too short for a checkpoint (24-byte preamble)", e.getMessage());

    Path safetensors = dir.resolve("weights.safetensors");
    Safetensors.save(safetensors, m);
    e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(safetensors, m, null));
    assertTrue(e.getMessage().contains("not a StaticNet checkpoint"), e.getMessage());

    byte[] future = good.clone();
    ByteBuffer.wrap(future).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
    Files.write(p, future);
    e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(p, m, null));
    assertEquals(p + ": checkpoint format version 2, this StaticNet reads 1", e.getMessage());
  }

  @Test
  void failedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
    TinyNet m = new TinyNet(1);
    Path p = dir.resolve("keep.ckpt");
    Checkpoint.write(p, m, null, 1);
    byte[] previous = Files.readAllBytes(p);

    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(p, out -> {
      out.write(new byte[100_000]); // more than the buffer: part reaches the temporary file
      throw new IOException("disk full (simulated)");
    }));
    assertEquals("disk full (simulated)", e.getMessage());
    assertArrayEquals(previous, Files.readAllBytes(p));
    assertEquals(List.of("keep.ckpt"), listDir());

    // An optimiser shared with another model fails before anything is written.
    Optimizer shared = Optimizer.adam(0.1f);
    shared.step(new float[4], new float[4]);
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.write(p, m, shared, 2));
    assertArrayEquals(previous, Files.readAllBytes(p));

    // A successful write replaces the file in one step.
    train(m, Optimizer.sgd(0.1f), 1);
    Checkpoint.write(p, m, null, 2);
    assertFalse(Arrays.equals(previous, Files.readAllBytes(p)));
    assertEquals(List.of("keep.ckpt"), listDir());
    // The file gets the usual permissions of a new file, not a temporary file's owner-only ones.
    Path plain = Files.write(dir.resolve("plain"), new byte[1]);
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(p));
  }

  private List<String> listDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
