package dev.staticnet.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a readable StaticNet checkpoint (wrong magic or version, truncated, checksum
 * mismatch, inconsistent lengths); the message names the file and the problem.
 */
public final class CheckpointFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public CheckpointFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
