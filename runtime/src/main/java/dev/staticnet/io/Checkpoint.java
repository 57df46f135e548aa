package dev.staticnet.io;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import java.io.IOException;
import java.nio.file.Path;

/** Native training checkpoint (format documented once implemented). */
public final class Checkpoint {
  private Checkpoint() {}

  /** Writes model tensors, optimiser state (optional) and {@code step} atomically. */
  public static void write(Path file, Model model, Optimizer optimizer, long step) throws IOException {
    throw new UnsupportedOperationException("Checkpoint.write: not implemented yet");
  }

  /** Restores model and optimiser (optional) and returns the stored step. */
  public static long read(Path file, Model model, Optimizer optimizer) throws IOException {
    throw new UnsupportedOperationException("Checkpoint.read: not implemented yet");
  }
}
