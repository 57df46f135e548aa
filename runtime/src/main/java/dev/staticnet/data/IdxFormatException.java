package dev.staticnet.data;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a valid IDX file (or not the one expected); the message names the file. */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public IdxFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
