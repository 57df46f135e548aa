package dev.staticnet.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a valid safetensors file; the message names the file and the problem. */
public final class SafetensorsFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public SafetensorsFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
