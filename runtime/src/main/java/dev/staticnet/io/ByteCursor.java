package dev.staticnet.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Little-endian reads from an in-memory file, each checked against the bytes that remain before
 * anything is allocated, so a corrupt length fails as a {@link CheckpointFormatException}.
 */
final class ByteCursor {
  private final Path file;
  private final ByteBuffer buf;

  ByteCursor(Path file, byte[] bytes, int position) {
    this.file = file;
    this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    this.buf.position(position);
  }

  int position() {
    return buf.position();
  }

  int remaining() {
    return buf.remaining();
  }

  byte u8(String what) throws CheckpointFormatException {
    need(1, what);
    return buf.get();
  }

  int i32(String what) throws CheckpointFormatException {
    need(4, what);
    return buf.getInt();
  }

  long i64(String what) throws CheckpointFormatException {
    need(8, what);
    return buf.getLong();
  }

  float f32(String what) throws CheckpointFormatException {
    need(4, what);
    return buf.getFloat();
  }

  /** A count in [0, max]: an element count, rank or length about to size an allocation. */
  int count(String what, long max) throws CheckpointFormatException {
    int n = i32(what);
    if (n < 0 || n > max) {
      throw new CheckpointFormatException(file, what + " " + Integer.toUnsignedString(n) + " is out of range [0, " + max
          + "] at byte " + (buf.position() - 4));
    }
    return n;
  }

  /** A UTF-8 string prefixed by its byte length. */
  String string(String what) throws CheckpointFormatException {
    int n = count(what + " length", buf.remaining());
    byte[] b = new byte[n];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  byte[] bytes(int n, String what) throws CheckpointFormatException {
    need(n, what);
    byte[] b = new byte[n];
    buf.get(b);
    return b;
  }

  /** {@code n} float32 values; {@code n} must be checked by the caller to be non-negative. */
  float[] floats(int n, String what) throws CheckpointFormatException {
    need(4L * n, what);
    float[] out = new float[n];
    buf.asFloatBuffer().get(out);
    buf.position(buf.position() + 4 * n);
    return out;
  }

  private void need(long n, String what) throws CheckpointFormatException {
    if (n > buf.remaining()) {
      throw new CheckpointFormatException(file, what + " needs " + n + " bytes at byte " + buf.position() + " but only "
          + buf.remaining() + " remain");
    }
  }
}
