package dev.staticnet.io;

import dev.staticnet.Model;
import dev.staticnet.Parameters;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files, the
 * format of {@code safetensors.torch.save_file(model.state_dict(), path)}: an 8-byte little-endian
 * header length N, N bytes of UTF-8 JSON ({@code {"name": {"dtype": "F32", "shape": [..],
 * "data_offsets": [begin, end]}, ..., "__metadata__": {..}}}, offsets relative to the data section,
 * padded with spaces), then the raw little-endian data.
 *
 * <p>Weights trained in PyTorch load unchanged: StaticNet's tensor names and shapes are PyTorch's
 * {@code state_dict} ones ({@link Parameters}); {@code num_batches_tracked} is {@code I64}, everything
 * else {@code F32} (F16, BF16 and F64 files are converted on reading).
 *
 * <p>Reading validates the whole header against the file size before allocating any tensor (header
 * length at most 100 MB, strict JSON, known dtypes, non-negative dimensions, byte ranges of exactly
 * {@code product(shape) * dtype size} covering the data section with no overlap, hole or trailing
 * byte): a malformed or hostile file fails with a {@link SafetensorsFormatException} naming the problem. {@link #load} checks every name, shape and
 * dtype first and reports all mismatches in one {@link WeightsMismatchException}; the model changes
 * only when everything fits. Writing is atomic (temporary file, then rename) and lays the file out as
 * the safetensors library does, so the same tensors give the same bytes.
 */
public final class Safetensors {
  private static final int CHUNK_BYTES = 1 << 16;

  private Safetensors() {}

  /** The content of a safetensors file: tensors in file (offset) order and the {@code __metadata__} map. */
  public record Contents(Map<String, TensorData> tensors, Map<String, String> metadata) {}

  /**
   * Reads every tensor of {@code file}.
   *
   * @throws SafetensorsFormatException if the file is not valid safetensors or holds a dtype StaticNet
   *     does not read
   */
  public static Contents read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      SafetensorsHeader header = SafetensorsHeader.read(file, channel);
      Map<String, TensorData> tensors = new LinkedHashMap<>();
      for (SafetensorsHeader.Entry e : header.entries) {
        tensors.put(e.name(), new TensorData(e.dtype(), e.shape(), values(channel, header, e)));
      }
      return new Contents(Collections.unmodifiableMap(tensors), header.metadata);
    }
  }

  /**
   * Loads {@code file} into {@code model}: the file must hold exactly the model's tensors
   * ({@code model.parameters().names()}) with the same shapes.
   *
   * @throws WeightsMismatchException listing every missing, unexpected and mis-shaped tensor (and
   *     wrong dtypes); the model is then unchanged
   * @throws SafetensorsFormatException if the file is not valid safetensors; the model is unchanged
   */
  public static void load(Path file, Model model) throws IOException {
    load(file, model, Function.identity());
  }

  /**
   * As {@link #load(Path, Model)}, mapping each file name through {@code rename} first: it returns
   * the model's name for a file tensor, or {@code null} to skip that tensor. For example
   * {@code n -> n.startsWith("aux.") ? null : n.replace("features.", "")}.
   */
  public static void load(Path file, Model model, Function<String, String> rename) throws IOException {
    Parameters params = model.parameters();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      SafetensorsHeader header = SafetensorsHeader.read(file, channel);
      ModelTensors target = new ModelTensors(params);
      Map<String, SafetensorsHeader.Entry> byModelName = match(file, header, target, rename);
      Map<String, float[]> values = new LinkedHashMap<>();
      for (Map.Entry<String, SafetensorsHeader.Entry> e : byModelName.entrySet()) {
        values.put(e.getKey(), values(channel, header, e.getValue()));
      }
      List<String> badValues = target.checkValues(values);
      if (!badValues.isEmpty()) {
        throw new WeightsMismatchException(file.toString(), List.of(), List.of(), List.of(), badValues, null);
      }
      target.setAll(values);
    }
  }

  /** Pairs file entries with model tensors; throws one exception listing every mismatch. */
  private static Map<String, SafetensorsHeader.Entry> match(Path file, SafetensorsHeader header, ModelTensors target,
      Function<String, String> rename) {
    Map<String, SafetensorsHeader.Entry> byModelName = new LinkedHashMap<>();
    List<String> unexpected = new ArrayList<>();
    List<String> misShaped = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (SafetensorsHeader.Entry e : header.entries) {
      String name = rename.apply(e.name());
      if (name == null) {
        continue;
      }
      String label = name.equals(e.name()) ? name : e.name() + " (as " + name + ")";
      if (!target.has(name)) {
        unexpected.add(label + " " + Arrays.toString(e.shape()));
        continue;
      }
      SafetensorsHeader.Entry earlier = byModelName.putIfAbsent(name, e);
      if (earlier != null) {
        other.add(name + ": both '" + earlier.name() + "' and '" + e.name() + "' map to it");
        continue;
      }
      int[] expected = target.shape(name);
      if (!Arrays.equals(expected, e.shape())) {
        misShaped.add(label + ": file " + Arrays.toString(e.shape()) + ", model " + Arrays.toString(expected));
      }
      boolean counter = target.isCounter(name);
      if (counter && e.dtype() != DType.I64) {
        other.add(label + ": dtype " + e.dtype() + ", expected I64 for a counter");
      } else if (!counter && e.dtype() == DType.I64) {
        other.add(label + ": dtype I64, expected a float type (F32, F16, BF16, F64)");
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : target.names()) {
      if (!byModelName.containsKey(name)) {
        missing.add(name + " " + Arrays.toString(target.shape(name)));
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty() || !other.isEmpty()) {
      throw new WeightsMismatchException(file.toString(), missing, unexpected, misShaped, other,
          missing.isEmpty() && unexpected.isEmpty() ? null
              : "Names follow PyTorch's state_dict; pass a rename function to map differing names (null skips a tensor).");
    }
    return byModelName;
  }

  /**
   * Writes {@code model}'s tensors ({@code state_dict} names and shapes; counters as I64, the rest F32)
   * with metadata {@code {"format": "pt"}}, atomically. PyTorch reads it with
   * {@code model.load_state_dict(safetensors.torch.load_file(path))}.
   */
  public static void save(Path file, Model model) throws IOException {
    ModelTensors source = new ModelTensors(model.parameters());
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    for (String name : source.names()) {
      tensors.put(name, new TensorData(source.isCounter(name) ? DType.I64 : DType.F32, source.shape(name),
          source.values(name)));
    }
    write(file, tensors, Map.of("format", "pt"));
  }

  /**
   * Writes tensors (F32 or I64) and metadata atomically. Tensors are laid out as the safetensors
   * library orders them (I64 before F32, then by name), whatever the map's order.
   *
   * @throws IllegalArgumentException for another dtype, or an I64 value that is not an integer; no
   *     file is written then
   */
  public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
      throws IOException {
    List<Map.Entry<String, TensorData>> ordered = new ArrayList<>(tensors.entrySet());
    for (Map.Entry<String, TensorData> e : ordered) {
      checkWritable(e.getKey(), e.getValue());
    }
    ordered.sort((a, b) -> {
      int byType = Integer.compare(b.getValue().dtype().safetensorsRank(), a.getValue().dtype().safetensorsRank());
      return byType != 0 ? byType : Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey()));
    });
    byte[] header = header(ordered, metadata);
    AtomicFiles.write(file, out -> {
      ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
      out.write(length.array());
      out.write(header);
      for (Map.Entry<String, TensorData> e : ordered) {
        writeValues(out, e.getValue());
      }
    });
  }

  private static void checkWritable(String name, TensorData t) {
    if (name.equals("__metadata__")) {
      throw new IllegalArgumentException("'__metadata__' is reserved for the metadata map, not a tensor name");
    }
    if (t.dtype() != DType.F32 && t.dtype() != DType.I64) {
      throw new IllegalArgumentException("tensor '" + name + "': StaticNet writes F32 and I64, got " + t.dtype());
    }
    if (t.dtype() == DType.I64) {
      for (float v : t.values()) {
        if (v != Math.rint(v) || Math.abs(v) > 0x1p62) {
          throw new IllegalArgumentException("tensor '" + name + "' is I64 but holds the non-integer value " + v);
        }
      }
    }
  }

  /** Compact JSON as serde_json writes it, metadata first, padded with spaces to a multiple of 8 bytes. */
  private static byte[] header(List<Map.Entry<String, TensorData>> ordered, Map<String, String> metadata) {
    StringBuilder json = new StringBuilder("{");
    if (metadata != null && !metadata.isEmpty()) {
      json.append("\"__metadata__\":{");
      String sep = "";
      for (Map.Entry<String, String> m : metadata.entrySet()) {
        json.append(sep).append(quote(m.getKey())).append(':').append(quote(m.getValue()));
        sep = ",";
      }
      json.append('}');
    }
    long offset = 0;
    String sep = json.length() > 1 ? "," : "";
    for (Map.Entry<String, TensorData> e : ordered) {
      TensorData t = e.getValue();
      long bytes = (long) t.values().length * t.dtype().size();
      json.append(sep).append(quote(e.getKey())).append(":{\"dtype\":\"").append(t.dtype()).append("\",\"shape\":[");
      for (int i = 0; i < t.shape().length; i++) {
        json.append(i > 0 ? "," : "").append(t.shape()[i]);
      }
      json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
      offset += bytes;
      sep = ",";
    }
    json.append('}');
    byte[] raw = utf8(json.toString());
    byte[] padded = Arrays.copyOf(raw, (raw.length + 7) / 8 * 8);
    Arrays.fill(padded, raw.length, padded.length, (byte) ' ');
    return padded;
  }

  /** A JSON string literal with serde_json's escapes: quote, backslash, control characters. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void writeValues(OutputStream out, TensorData t) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : t.values()) {
      if (chunk.remaining() < 8) {
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
      }
      if (t.dtype() == DType.I64) {
        chunk.putLong((long) v);
      } else {
        chunk.putFloat(v);
      }
    }
    out.write(chunk.array(), 0, chunk.position());
  }

  /** Reads one validated entry's values, converting to float, through a fixed-size chunk buffer. */
  private static float[] values(FileChannel channel, SafetensorsHeader header, SafetensorsHeader.Entry e)
      throws IOException {
    float[] out = new float[e.elements()];
    int size = e.dtype().size();
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    long position = header.dataStart + e.begin();
    int done = 0;
    while (done < out.length) {
      int count = Math.min(out.length - done, CHUNK_BYTES / size);
      chunk.clear().limit(count * size);
      SafetensorsHeader.readFully(channel, chunk, position);
      chunk.flip();
      for (int i = 0; i < count; i++) {
        out[done + i] = decode(chunk, e.dtype());
      }
      position += (long) count * size;
      done += count;
    }
    return out;
  }

  private static float decode(ByteBuffer b, DType dtype) {
    switch (dtype) {
      case F32:
        return b.getFloat();
      case F64:
        return (float) b.getDouble();
      case I64:
        return (float) b.getLong();
      case BF16:
        return Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16); // bf16 = the top half of a float32
      case F16:
        return HalfFloat.toFloat(b.getShort());
      default:
        throw new IllegalStateException("unhandled dtype " + dtype);
    }
  }
}
