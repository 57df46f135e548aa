package dev.staticnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  @TempDir Path dir;

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private String failure(Path file) {
    return assertThrows(IdxFormatException.class, () -> Idx.read(file)).getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "message lacks '" + part + "': " + message);
    }
  }

  @Test
  void readsAHandWrittenFile() throws IOException {
    // magic 0 0 8 3, dims 2 x 2 x 3 (big-endian), then 12 bytes including values above 127
    byte[] header = bytes(0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3);
    byte[] data = bytes(0, 1, 2, 127, 128, 255, 10, 20, 30, 40, 50, 60);
    byte[] content = Arrays.copyOf(header, header.length + data.length);
    System.arraycopy(data, 0, content, header.length, data.length);
    IdxArray a = Idx.read(file("hand.idx", content));
    assertArrayEquals(new int[] {2, 2, 3}, a.dims());
    assertEquals(2, a.count());
    assertEquals(6, a.itemSize());
    assertEquals(255, a.unsigned(5));
    assertEquals(128, a.unsigned(4));
    // the same bytes gzip-compressed, under a name that does not say so: detected by the magic bytes
    IdxArray b = Idx.read(file("hand-compressed.idx", gzip(content)));
    assertArrayEquals(a.dims(), b.dims());
    assertArrayEquals(a.data(), b.data());
  }

  @Test
  void roundTripsRawAndGzip() throws IOException {
    byte[] data = new byte[5 * 4 * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    for (String name : new String[] {"x-idx3-ubyte", "x-idx3-ubyte.gz"}) {
      Path f = dir.resolve(name);
      Idx.write(f, new int[] {5, 4, 3}, data);
      IdxArray a = Idx.read(f);
      assertArrayEquals(new int[] {5, 4, 3}, a.dims(), name);
      assertArrayEquals(data, a.data(), name);
    }
    assertEquals(0x1F, Files.readAllBytes(dir.resolve("x-idx3-ubyte.gz"))[0] & 0xFF);
    Path labels = dir.resolve("y-idx1-ubyte");
    Idx.write(labels, new int[] {3}, bytes(7, 2, 1));
    assertArrayEquals(bytes(7, 2, 1), Idx.read(labels).data());
  }

  @Test
  void rejectsABadMagicNumber() throws IOException {
    Path f = file("bad-magic", bytes(0x50, 0x4B, 3, 4, 0, 0, 0, 1, 9));
    assertMentions(failure(f), "bad-magic", "expected magic 0x00 0x00", "got 0x50 0x4B 0x03 0x04");
  }

  @Test
  void rejectsAnUnsupportedType() throws IOException {
    Path f = file("floats", bytes(0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0));
    assertMentions(failure(f), "floats", "expected 0x08 (unsigned byte)", "got 0x0D (float)");
  }

  @Test
  void rejectsAWrongRank() throws IOException {
    assertMentions(failure(file("rank0", bytes(0, 0, 8, 0))), "rank0", "expected 1 to 4 dimensions, got 0");
    assertMentions(failure(file("rank5", bytes(0, 0, 8, 5, 0, 0, 0, 1))), "expected 1 to 4 dimensions, got 5");
  }

  @Test
  void rejectsNonPositiveDimensions() throws IOException {
    Path f = file("negative", bytes(0, 0, 8, 2, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF));
    assertMentions(failure(f), "negative", "dimension 1 must be positive, got -1");
  }

  @Test
  void rejectsAbsurdSizesBeforeAllocating() throws IOException {
    // 60000 x 28 x 28 x 28 = 1.3 GB of data in a 20-byte file
    Path f = file("huge", bytes(0, 0, 8, 4, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, 0, 0, 0, 28));
    assertMentions(failure(f), "huge", "[60000, 28, 28, 28]", "512 MiB");
    Path g = file("huge2", bytes(0, 0, 8, 2, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF));
    assertMentions(failure(g), "more than 536870912 bytes");
  }

  @Test
  void rejectsTruncatedFiles() throws IOException {
    // header says 3 x 2 = 6 bytes, only 4 follow
    byte[] content = bytes(0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 2, 1, 2, 3, 4);
    assertMentions(failure(file("short", content)), "short", "truncated", "expected 6 data bytes", "got 4");
    assertMentions(failure(file("short.gz", gzip(content))), "short.gz", "expected 6 data bytes", "got 4");
    assertMentions(failure(file("header-only", bytes(0, 0, 8, 3, 0, 0, 0, 3))), "truncated header",
        "expected 3 dimensions (12 bytes), got 4 bytes");
    assertMentions(failure(file("tiny", bytes(0, 0))), "expected a 4-byte magic number, got 2 bytes");
  }

  @Test
  void rejectsATruncatedGzipStream() throws IOException {
    byte[] data = new byte[4000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + i / 7);
    }
    Path full = dir.resolve("full.gz");
    Idx.write(full, new int[] {100, 40}, data);
    byte[] gz = Files.readAllBytes(full);
    Path cut = file("cut.gz", Arrays.copyOf(gz, gz.length / 2));
    assertMentions(failure(cut), "cut.gz", "expected", "4000");
  }

  @Test
  void rejectsTrailingBytes() throws IOException {
    Path f = file("long", bytes(0, 0, 8, 1, 0, 0, 0, 2, 5, 6, 7));
    assertMentions(failure(f), "long", "expected exactly 2 data bytes", "has more");
  }
}
