package dev.staticnet.io;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.train.OptimizerState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Saves and restores training: the model's tensors (parameters, BatchNorm running statistics and
 * counters: everything in {@link Model#parameters()}), the optimiser's state (momentum, Adam's
 * moments and step count, RMSprop's square average, the learning rate) and a step count of the
 * caller's choosing. Continuing from a checkpoint gives the same parameters, bit for bit, as never
 * stopping (for models without dropout: the dropout random stream is not saved).
 *
 * <p>Format, version 1, all numbers little-endian:
 *
 * <pre>
 * offset  size  field
 *   0      8    magic "SNETCKPT"
 *   8      4    format version (1)
 *  12      4    CRC32C of every byte from offset 24 to the end
 *  16      8    total file length in bytes (detects truncation before the checksum)
 *  24      8    step (the caller's)
 *  32     32    architecture fingerprint: SHA-256 of the architecture block
 *  64      4    architecture block length A, then A bytes:
 *                 input rank + dims, output rank + dims (int32 each), tensor count,
 *                 per tensor: name (int32 byte length + UTF-8), kind (1 byte: 0 parameter,
 *                 1 buffer, 2 counter), rank + dims
 *  ...          tensor values in architecture order: float32 each, int64 for counters
 *  ...     1    optimiser present (0 or 1); if 1:
 *                 kind (int32 length + UTF-8: SGD, Adam, AdamW, RMSprop), steps (int64),
 *                 learning rate (float32), size (int32, -1 before the first step), array count,
 *                 per array: name (length + UTF-8), then size float32 values
 * </pre>
 *
 * <p>Reading checks magic, version, length and checksum before parsing, bounds every length by the
 * bytes that remain before allocating, then compares the architecture with the model's and the
 * optimiser state with the optimiser's kind and options. Only when everything fits does it change
 * the optimiser and then the model; any failure leaves both untouched. Writing builds the whole file
 * in memory and replaces the target atomically (temporary file in the same directory, then rename):
 * a failed write leaves the previous checkpoint in place. Files are limited to 2 GB.
 */
public final class Checkpoint {
  /** File magic. */
  static final byte[] MAGIC = "SNETCKPT".getBytes(StandardCharsets.US_ASCII);
  /** Current format version. */
  static final int VERSION = 1;
  /** Size of the part before the checksummed content. */
  static final int PREAMBLE = 24;

  private Checkpoint() {}

  /**
   * Writes {@code model}'s tensors, {@code optimizer}'s state (skipped when null) and {@code step}
   * to {@code file}, atomically.
   *
   * @throws IllegalArgumentException if the optimiser's state was sized for another model
   * @throws UnsupportedOperationException if the optimiser cannot snapshot its state
   * @throws IOException if writing fails; a previous file at {@code file} is then unchanged
   */
  public static void write(Path file, Model model, Optimizer optimizer, long step) throws IOException {
    Architecture arch = Architecture.of(model);
    OptimizerState state = optimizer == null ? null : optimizer.state();
    if (state != null && state.size() != OptimizerState.UNSIZED && state.size() != model.parameterCount()) {
      throw new IllegalArgumentException("Checkpoint: the " + state.kind() + " optimiser holds state for "
          + state.size() + " parameters but the model has " + model.parameterCount() + "; use one optimiser per model");
    }
    byte[] archBytes = arch.encode();
    long length = PREAMBLE + 8 + 32 + 4 + archBytes.length + valueBytes(arch) + optimizerBytes(state);
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("Checkpoint: " + length + " bytes exceed the 2 GB limit of the format");
    }
    ByteBuffer out = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).putInt(VERSION).putInt(0).putLong(length);
    out.putLong(step).put(arch.fingerprint()).putInt(archBytes.length).put(archBytes);
    for (Architecture.Tensor t : arch.tensors) {
      float[] values = model.parameters().get(t.name());
      if (t.kind() == Architecture.Kind.COUNTER) {
        out.putLong((long) values[0]);
      } else {
        out.asFloatBuffer().put(values);
        out.position(out.position() + 4 * values.length);
      }
    }
    putOptimizer(out, state);
    if (out.hasRemaining()) {
      throw new IllegalStateException("Checkpoint: wrote " + out.position() + " of " + length + " bytes");
    }
    byte[] bytes = out.array();
    out.putInt(12, crc(bytes));
    AtomicFiles.write(file, stream -> stream.write(bytes));
  }

  /**
   * Restores {@code model} and {@code optimizer} (skipped when null) from {@code file}.
   *
   * @return the step stored by {@link #write}
   * @throws CheckpointFormatException if the file is not a checkpoint, truncated or corrupted
   * @throws WeightsMismatchException if it was written for another architecture (lists the tensors
   *     that differ)
   * @throws IllegalArgumentException if {@code optimizer} is of another kind or options than the saved
   *     one, or the file holds no optimiser state
   * @throws IOException if reading fails. In every case the model and optimiser are unchanged.
   */
  public static long read(Path file, Model model, Optimizer optimizer) throws IOException {
    byte[] bytes = readVerified(file);
    ByteCursor in = new ByteCursor(file, bytes, PREAMBLE);
    long step = in.i64("step");
    byte[] fingerprint = in.bytes(32, "fingerprint");
    int archLength = in.count("architecture length", in.remaining());
    int archEnd = in.position() + archLength;
    Architecture stored = Architecture.decode(file, in);
    if (in.position() != archEnd) {
      throw new CheckpointFormatException(file, "architecture block declares " + archLength + " bytes but holds "
          + (in.position() - (archEnd - archLength)));
    }
    if (!Arrays.equals(fingerprint, stored.fingerprint())) {
      throw new CheckpointFormatException(file, "architecture fingerprint does not match its block (corrupted)");
    }
    Architecture expected = Architecture.of(model);
    if (!Arrays.equals(fingerprint, expected.fingerprint())) {
      throw stored.mismatch(file.toString(), expected);
    }
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Architecture.Tensor t : stored.tensors) {
      if (t.kind() == Architecture.Kind.COUNTER) {
        values.put(t.name(), new float[] {in.i64("counter '" + t.name() + "'")});
      } else {
        values.put(t.name(), in.floats(t.elements(), "tensor '" + t.name() + "'"));
      }
    }
    OptimizerState state = readOptimizer(file, in);
    if (in.remaining() != 0) {
      throw new CheckpointFormatException(file, in.remaining() + " unexpected bytes after the optimiser state");
    }
    ModelTensors target = new ModelTensors(model.parameters());
    List<String> badValues = target.checkValues(values);
    if (!badValues.isEmpty()) {
      throw new WeightsMismatchException(file.toString(), List.of(), List.of(), List.of(), badValues, null);
    }
    if (optimizer != null) {
      restoreOptimizer(file, model, optimizer, state);
    }
    target.setAll(values);
    return step;
  }

  /** Restores the optimiser first: it validates before changing anything, and the model is still untouched. */
  private static void restoreOptimizer(Path file, Model model, Optimizer optimizer, OptimizerState state) {
    if (state == null) {
      throw new IllegalArgumentException(file + ": the checkpoint holds no optimiser state (written with a null "
          + "optimiser); pass null to restore the model alone");
    }
    if (state.size() != OptimizerState.UNSIZED && state.size() != model.parameterCount()) {
      throw new IllegalArgumentException(file + ": the " + state.kind() + " state is sized for " + state.size()
          + " parameters but the model has " + model.parameterCount());
    }
    optimizer.restore(state);
  }

  /** Reads the whole file and checks magic, version, length and checksum. */
  private static byte[] readVerified(Path file) throws IOException {
    long size = Files.size(file);
    if (size < PREAMBLE) {
      throw new CheckpointFormatException(file, "file has " + size + " bytes, too short for a checkpoint ("
          + PREAMBLE + "-byte preamble)");
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new CheckpointFormatException(file, "file has " + size + " bytes, over the format's 2 GB limit");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (!Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new CheckpointFormatException(file, "not a StaticNet checkpoint (magic "
          + new String(bytes, 0, MAGIC.length, StandardCharsets.ISO_8859_1) + ", expected SNETCKPT)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int version = b.getInt(8);
    if (version != VERSION) {
      throw new CheckpointFormatException(file, "checkpoint format version " + version + ", this StaticNet reads "
          + VERSION);
    }
    long declared = b.getLong(16);
    if (declared != bytes.length) {
      throw new CheckpointFormatException(file, "file has " + bytes.length + " bytes but the checkpoint declares "
          + declared + (declared > bytes.length ? " (truncated)" : " (trailing bytes)"));
    }
    int stored = b.getInt(12);
    int actual = crc(bytes);
    if (stored != actual) {
      throw new CheckpointFormatException(file, String.format(
          "checksum mismatch (stored CRC32C %08x, content %08x): the file is corrupted", stored, actual));
    }
    return bytes;
  }

  private static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, PREAMBLE, bytes.length - PREAMBLE);
    return (int) crc.getValue();
  }

  private static long valueBytes(Architecture arch) {
    long n = 0;
    for (Architecture.Tensor t : arch.tensors) {
      n += t.kind() == Architecture.Kind.COUNTER ? 8 : 4L * t.elements();
    }
    return n;
  }

  private static long optimizerBytes(OptimizerState state) {
    if (state == null) {
      return 1;
    }
    long n = 1 + 4 + utf8(state.kind()).length + 8 + 4 + 4 + 4;
    for (String name : state.arrayNames()) {
      n += 4 + utf8(name).length + 4L * state.size();
    }
    return n;
  }

  private static void putOptimizer(ByteBuffer out, OptimizerState state) {
    if (state == null) {
      out.put((byte) 0);
      return;
    }
    out.put((byte) 1);
    putString(out, state.kind());
    out.putLong(state.steps()).putFloat(state.learningRate()).putInt(state.size()).putInt(state.arrayNames().size());
    for (Map.Entry<String, float[]> e : state.arrays().entrySet()) {
      putString(out, e.getKey());
      out.asFloatBuffer().put(e.getValue());
      out.position(out.position() + 4 * e.getValue().length);
    }
  }

  private static OptimizerState readOptimizer(Path file, ByteCursor in) throws CheckpointFormatException {
    int present = in.u8("optimiser flag");
    if (present == 0) {
      return null;
    }
    if (present != 1) {
      throw new CheckpointFormatException(file, "optimiser flag is " + present + ", expected 0 or 1");
    }
    String kind = in.string("optimiser kind");
    long steps = in.i64("optimiser steps");
    float lr = in.f32("optimiser learning rate");
    int size = in.i32("optimiser size");
    if (size < OptimizerState.UNSIZED || 4L * size > in.remaining()) {
      throw new CheckpointFormatException(file, "optimiser size " + size + " is out of range");
    }
    int arrays = in.count("optimiser array count", 16);
    Map<String, float[]> state = new LinkedHashMap<>();
    for (int i = 0; i < arrays; i++) {
      String name = in.string("optimiser array " + i + " name");
      state.put(name, in.floats(Math.max(size, 0), "optimiser array '" + name + "'"));
    }
    try {
      return new OptimizerState(kind, steps, lr, size, state);
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException(file, e.getMessage());
    }
  }

  private static void putString(ByteBuffer out, String s) {
    byte[] b = utf8(s);
    out.putInt(b.length).put(b);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
