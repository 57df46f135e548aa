package dev.staticnet.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file all or nothing: the content goes to a temporary file in the same directory, is
 * forced to disk, then renamed over the target in one atomic step. If anything fails the target is
 * untouched (the previous file, or no file) and the temporary file is deleted.
 */
final class AtomicFiles {
  /** Writes the content to a stream; may throw to abandon the write. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    // Not Files.createTempFile: it makes the file owner-only (0600); this one gets the umask's permissions.
    Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
    FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean moved = false;
    try {
      try (channel) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        // Same directory, so this only happens on file systems without rename (rare); still replace.
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }
}
