package dev.staticnet.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated header of a safetensors file: every tensor's dtype, shape and byte range, checked
 * against the file's size before any tensor is allocated.
 *
 * <p>Checks, in order: the 8-byte length N is at most {@link #MAX_HEADER_BYTES} and fits in the file;
 * the N bytes are UTF-8 JSON (padding spaces allowed) holding one object; each entry other than
 * {@code __metadata__} has exactly {@code dtype}, {@code shape} (non-negative integers) and
 * {@code data_offsets} ({@code [begin, end]}, begin &lt;= end); {@code __metadata__} maps strings to
 * strings; each byte range holds exactly {@code product(shape) * dtype size} bytes; sorted by offset,
 * the ranges cover the data section exactly (no overlap, no hole, nothing after the last).
 */
final class SafetensorsHeader {
  /** The limit of the reference implementation (safetensors' {@code MAX_HEADER_SIZE}). */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  /** One tensor's entry; offsets are relative to the data section. */
  record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    int elements() {
      return (int) TensorData.elements(shape);
    }
  }

  private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

  /** Entries in offset order. */
  final List<Entry> entries;
  /** The {@code __metadata__} map (empty if absent), in file order. */
  final Map<String, String> metadata;
  /** Absolute file offset of the data section: {@code 8 + N}. */
  final long dataStart;

  private SafetensorsHeader(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    this.entries = entries;
    this.metadata = metadata;
    this.dataStart = dataStart;
  }

  /** Reads and validates the header of {@code file} through {@code channel}. */
  static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
    long fileSize = channel.size();
    if (fileSize < 8) {
      throw new SafetensorsFormatException(file, "file has " + fileSize
          + " bytes, too short for the 8-byte header length");
    }
    ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, lengthBytes, 0);
    long n = lengthBytes.getLong(0);
    if (n < 0 || n > MAX_HEADER_BYTES) {
      throw new SafetensorsFormatException(file, "header length " + Long.toUnsignedString(n)
          + " bytes exceeds the limit of " + MAX_HEADER_BYTES + " bytes (not a safetensors file?)");
    }
    if (8 + n > fileSize) {
      throw new SafetensorsFormatException(file, "header length " + n + " bytes runs past the end of the "
          + fileSize + "-byte file (truncated?)");
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
    readFully(channel, headerBytes, 8);
    headerBytes.flip();
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(headerBytes).toString();
    } catch (CharacterCodingException e) {
      throw new SafetensorsFormatException(file, "header is not valid UTF-8");
    }
    Object root;
    try {
      root = JsonReader.parse(json);
    } catch (IllegalArgumentException e) {
      throw new SafetensorsFormatException(file, "header: " + e.getMessage());
    }
    if (!(root instanceof Map)) {
      throw new SafetensorsFormatException(file, "header must be a JSON object of tensors, got "
          + describe(root));
    }
    return validate(file, asMap(root), 8 + n, fileSize - 8 - n);
  }

  private static SafetensorsHeader validate(Path file, Map<String, Object> root, long dataStart, long dataBytes)
      throws SafetensorsFormatException {
    Map<String, String> metadata = Map.of();
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Object> e : root.entrySet()) {
      if (e.getKey().equals("__metadata__")) {
        metadata = metadata(file, e.getValue());
      } else {
        entries.add(entry(file, e.getKey(), e.getValue()));
      }
    }
    entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long covered = 0;
    Entry previous = null;
    for (Entry t : entries) {
      if (t.begin < covered) {
        throw new SafetensorsFormatException(file, "tensor '" + t.name + "' bytes [" + t.begin + ", " + t.end
            + ") overlap tensor '" + previous.name + "' bytes [" + previous.begin + ", " + previous.end + ")");
      }
      if (t.begin > covered) {
        throw new SafetensorsFormatException(file, "data bytes [" + covered + ", " + t.begin
            + ") belong to no tensor (a hole before '" + t.name + "')");
      }
      if (t.end > dataBytes) {
        throw new SafetensorsFormatException(file, "tensor '" + t.name + "' bytes [" + t.begin + ", " + t.end
            + ") run past the end of the " + dataBytes + "-byte data section (truncated?)");
      }
      covered = t.end;
      previous = t;
    }
    if (covered != dataBytes) {
      throw new SafetensorsFormatException(file, "data section has " + dataBytes + " bytes but the tensors cover "
          + covered + " (trailing bytes)");
    }
    return new SafetensorsHeader(Collections.unmodifiableList(entries), metadata, dataStart);
  }

  private static Entry entry(Path file, String name, Object value) throws SafetensorsFormatException {
    String where = "tensor '" + name + "'";
    if (!(value instanceof Map)) {
      throw new SafetensorsFormatException(file, where + " must be an object with dtype, shape and data_offsets, got "
          + describe(value));
    }
    Map<String, Object> info = asMap(value);
    if (!info.keySet().equals(ENTRY_KEYS)) {
      throw new SafetensorsFormatException(file, where + " has keys " + info.keySet()
          + ", expected exactly [dtype, shape, data_offsets]");
    }
    if (!(info.get("dtype") instanceof String)) {
      throw new SafetensorsFormatException(file, where + ": dtype must be a string, got " + describe(info.get("dtype")));
    }
    DType dtype;
    try {
      dtype = DType.of((String) info.get("dtype"));
    } catch (IllegalArgumentException e) {
      throw new SafetensorsFormatException(file, where + ": " + e.getMessage());
    }
    long[] dims = integers(file, where + ": shape", info.get("shape"), -1);
    int[] shape = new int[dims.length];
    long elements = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new SafetensorsFormatException(file, where + ": shape " + Arrays.toString(dims)
            + " has a negative dimension");
      }
      if (dims[i] > Integer.MAX_VALUE || (elements *= dims[i]) > Integer.MAX_VALUE) {
        throw new SafetensorsFormatException(file, where + ": shape " + Arrays.toString(dims)
            + " has more values than one Java array holds");
      }
      shape[i] = (int) dims[i];
    }
    long[] offsets = integers(file, where + ": data_offsets", info.get("data_offsets"), 2);
    long begin = offsets[0];
    long end = offsets[1];
    if (begin < 0 || end < begin) {
      throw new SafetensorsFormatException(file, where + ": data_offsets [" + begin + ", " + end
          + "] must satisfy 0 <= begin <= end");
    }
    long expectedBytes = elements * dtype.size();
    if (end - begin != expectedBytes) {
      throw new SafetensorsFormatException(file, where + ": data_offsets [" + begin + ", " + end + "] hold "
          + (end - begin) + " bytes, but " + dtype + " shape " + Arrays.toString(shape) + " needs " + expectedBytes);
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static long[] integers(Path file, String what, Object value, int length) throws SafetensorsFormatException {
    if (!(value instanceof List)) {
      throw new SafetensorsFormatException(file, what + " must be an array of integers, got " + describe(value));
    }
    List<?> list = (List<?>) value;
    if (length >= 0 && list.size() != length) {
      throw new SafetensorsFormatException(file, what + " must have " + length + " integers, got " + list.size());
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Long)) {
        throw new SafetensorsFormatException(file, what + " must be an array of integers, got " + describe(list.get(i))
            + " at index " + i);
      }
      out[i] = (Long) list.get(i);
    }
    return out;
  }

  private static Map<String, String> metadata(Path file, Object value) throws SafetensorsFormatException {
    if (!(value instanceof Map)) {
      throw new SafetensorsFormatException(file, "__metadata__ must be an object of strings, got " + describe(value));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : asMap(value).entrySet()) {
      if (!(e.getValue() instanceof String)) {
        throw new SafetensorsFormatException(file, "__metadata__ value of \"" + e.getKey() + "\" must be a string, got "
            + describe(e.getValue()));
      }
      out.put(e.getKey(), (String) e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static String describe(Object value) {
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof String) {
      return "the string \"" + value + "\"";
    }
    return "the integer " + value;
  }

  /** Reads exactly {@code buf.remaining()} bytes at {@code position}; the caller checked the file is long enough. */
  static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
    while (buf.hasRemaining()) {
      int n = channel.read(buf, position);
      if (n < 0) {
        throw new java.io.EOFException("file ended early (changed while reading?)");
      }
      position += n;
    }
  }
}
