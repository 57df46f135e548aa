package dev.staticnet.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes IDX files (the MNIST format): a magic number {@code 0x00 0x00 type rank}, then
 * {@code rank} big-endian int32 dimensions, then the values. Only unsigned bytes (type {@code 0x08})
 * are supported. Files may be gzip-compressed; that is detected from their first bytes, not their name.
 */
public final class Idx {
  /** Largest data section accepted (512 MiB): a larger header is rejected before anything is allocated. */
  public static final long MAX_DATA_BYTES = 512L << 20;

  private static final int UNSIGNED_BYTE = 0x08;
  private static final int MAX_RANK = 4;

  private Idx() {}

  /**
   * Reads an unsigned-byte IDX file, raw or gzip-compressed.
   *
   * @throws IdxFormatException if the magic number, rank, dimensions or length are wrong; the message
   *     names the file, what was expected and what was found
   */
  public static IdxArray read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      InputStream in = isGzip(raw) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
      return read(file, in);
    }
  }

  /**
   * Writes an unsigned-byte IDX file; gzip-compressed when the name ends in {@code .gz}.
   *
   * @throws IllegalArgumentException if {@code data.length} is not the product of {@code dims}
   */
  public static void write(Path file, int[] dims, byte[] data) throws IOException {
    if (dims.length < 1 || dims.length > MAX_RANK) {
      throw new IllegalArgumentException("IDX rank must be 1.." + MAX_RANK + ", got " + dims.length);
    }
    long product = 1;
    for (int d : dims) {
      if (d < 1) {
        throw new IllegalArgumentException("IDX dimensions must be positive, got " + Arrays.toString(dims));
      }
      product *= d;
    }
    if (product != data.length) {
      throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " hold " + product + " bytes, data has "
          + data.length);
    }
    try (OutputStream out = open(file)) {
      out.write(new byte[] {0, 0, UNSIGNED_BYTE, (byte) dims.length});
      for (int d : dims) {
        out.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
      }
      out.write(data);
    }
  }

  private static OutputStream open(Path file) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
  }

  private static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1F && b1 == 0x8B;
  }

  private static IdxArray read(Path file, InputStream in) throws IOException {
    byte[] magic = new byte[4];
    int got = readFully(file, in, magic, "the 4-byte magic number");
    if (got < 4) {
      throw new IdxFormatException(file, "truncated header: expected a 4-byte magic number, got " + got + " bytes");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IdxFormatException(file, String.format(
          "not an IDX file: expected magic 0x00 0x00 <type> <rank>, got 0x%02X 0x%02X 0x%02X 0x%02X",
          magic[0], magic[1], magic[2], magic[3]));
    }
    int type = magic[2] & 0xFF;
    if (type != UNSIGNED_BYTE) {
      throw new IdxFormatException(file, String.format(
          "unsupported IDX type: expected 0x08 (unsigned byte), got 0x%02X (%s)", type, typeName(type)));
    }
    int rank = magic[3] & 0xFF;
    if (rank < 1 || rank > MAX_RANK) {
      throw new IdxFormatException(file, "unsupported IDX rank: expected 1 to " + MAX_RANK + " dimensions, got " + rank);
    }
    byte[] header = new byte[4 * rank];
    got = readFully(file, in, header, "the dimensions");
    if (got < header.length) {
      throw new IdxFormatException(file, "truncated header: expected " + rank + " dimensions (" + header.length
          + " bytes), got " + got + " bytes");
    }
    int[] dims = new int[rank];
    long product = 1;
    for (int i = 0; i < rank; i++) {
      dims[i] = ((header[4 * i] & 0xFF) << 24) | ((header[4 * i + 1] & 0xFF) << 16)
          | ((header[4 * i + 2] & 0xFF) << 8) | (header[4 * i + 3] & 0xFF);
      if (dims[i] < 1) {
        throw new IdxFormatException(file, "dimension " + i + " must be positive, got " + dims[i]
            + " (header dims " + Arrays.toString(Arrays.copyOf(dims, i + 1)) + ")");
      }
      product *= dims[i]; // at most 4 factors below 2^31: no long overflow before the check
      if (product > MAX_DATA_BYTES) {
        throw new IdxFormatException(file, "header dims " + Arrays.toString(Arrays.copyOf(dims, i + 1))
            + " imply more than " + MAX_DATA_BYTES + " bytes (512 MiB), the most this reader accepts");
      }
    }
    byte[] data = new byte[(int) product];
    got = readFully(file, in, data, "the data");
    if (got < data.length) {
      throw new IdxFormatException(file, "truncated: expected " + data.length + " data bytes for dims "
          + Arrays.toString(dims) + ", got " + got);
    }
    if (in.read() != -1) {
      throw new IdxFormatException(file, "expected exactly " + data.length + " data bytes for dims "
          + Arrays.toString(dims) + ", but the file has more");
    }
    return new IdxArray(dims, data);
  }

  /** Reads until {@code buf} is full or the stream ends; returns the bytes read. */
  private static int readFully(Path file, InputStream in, byte[] buf, String what) throws IOException {
    int n = 0;
    try {
      while (n < buf.length) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (EOFException e) {
      throw new IdxFormatException(file, "the gzip stream ends early while reading " + what + ": expected "
          + buf.length + " bytes, got " + n);
    }
    return n;
  }

  private static String typeName(int type) {
    switch (type) {
      case 0x09:
        return "signed byte";
      case 0x0B:
        return "short";
      case 0x0C:
        return "int";
      case 0x0D:
        return "float";
      case 0x0E:
        return "double";
      default:
        return "unknown type";
    }
  }
}
