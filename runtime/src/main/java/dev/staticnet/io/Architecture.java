package dev.staticnet.io;

import dev.staticnet.Model;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint must match: per-sample input and output shapes and every tensor's name, kind
 * and shape in {@code state_dict} order. Its fingerprint is the SHA-256 of {@link #encode()}.
 */
final class Architecture {
  /** Where a tensor lives; stored as one byte. */
  enum Kind { PARAMETER, BUFFER, COUNTER }

  record Tensor(String name, Kind kind, int[] shape) {
    int elements() {
      return (int) TensorData.elements(shape);
    }

    String describe() {
      return name + " " + Arrays.toString(shape) + (kind == Kind.PARAMETER ? "" : " (" + kind.name().toLowerCase() + ")");
    }
  }

  final int[] input;
  final int[] output;
  final List<Tensor> tensors;

  Architecture(int[] input, int[] output, List<Tensor> tensors) {
    this.input = input;
    this.output = output;
    this.tensors = List.copyOf(tensors);
  }

  static Architecture of(Model model) {
    ModelTensors m = new ModelTensors(model.parameters());
    List<Tensor> tensors = new ArrayList<>();
    for (String name : m.names()) {
      Kind kind = m.isCounter(name) ? Kind.COUNTER
          : model.parameters().trainable(name) ? Kind.PARAMETER : Kind.BUFFER;
      tensors.add(new Tensor(name, kind, m.shape(name)));
    }
    return new Architecture(model.inputShape().dims(), model.outputShape().dims(), tensors);
  }

  /** Input rank and dims, output rank and dims, tensor count, then per tensor: name, kind, rank, dims. */
  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    putDims(out, input);
    putDims(out, output);
    putInt(out, tensors.size());
    for (Tensor t : tensors) {
      byte[] name = t.name.getBytes(StandardCharsets.UTF_8);
      putInt(out, name.length);
      out.writeBytes(name);
      out.write(t.kind.ordinal());
      putDims(out, t.shape);
    }
    return out.toByteArray();
  }

  /** Reads what {@link #encode()} wrote. */
  static Architecture decode(Path file, ByteCursor in) throws CheckpointFormatException {
    int[] input = dims(file, in, "input shape");
    int[] output = dims(file, in, "output shape");
    int count = in.count("tensor count", in.remaining());
    List<Tensor> tensors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = in.string("tensor " + i + " name");
      int kind = in.u8("tensor '" + name + "' kind");
      if (kind < 0 || kind >= Kind.values().length) {
        throw new CheckpointFormatException(file, "tensor '" + name + "' has unknown kind " + kind);
      }
      int[] shape = dims(file, in, "tensor '" + name + "' shape");
      tensors.add(new Tensor(name, Kind.values()[kind], shape));
    }
    return new Architecture(input, output, tensors);
  }

  byte[] fingerprint() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(encode());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Every difference from {@code model} as a mismatch exception ({@code this} is the file's). */
  WeightsMismatchException mismatch(String source, Architecture model) {
    Map<String, Tensor> mine = byName(tensors);
    Map<String, Tensor> theirs = byName(model.tensors);
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> misShaped = new ArrayList<>();
    List<String> other = new ArrayList<>();
    if (!Arrays.equals(input, model.input)) {
      other.add("input shape: checkpoint " + Arrays.toString(input) + ", model " + Arrays.toString(model.input));
    }
    if (!Arrays.equals(output, model.output)) {
      other.add("output shape: checkpoint " + Arrays.toString(output) + ", model " + Arrays.toString(model.output));
    }
    for (Tensor t : model.tensors) {
      Tensor f = mine.get(t.name);
      if (f == null) {
        missing.add(t.describe());
      } else if (!Arrays.equals(f.shape, t.shape)) {
        misShaped.add(t.name + ": checkpoint " + Arrays.toString(f.shape) + ", model " + Arrays.toString(t.shape));
      } else if (f.kind != t.kind) {
        other.add(t.name + ": a " + f.kind.name().toLowerCase() + " in the checkpoint, a "
            + t.kind.name().toLowerCase() + " in the model");
      }
    }
    for (Tensor f : tensors) {
      if (!theirs.containsKey(f.name)) {
        unexpected.add(f.describe());
      }
    }
    if (missing.isEmpty() && unexpected.isEmpty() && misShaped.isEmpty() && other.isEmpty()) {
      other.add("the same tensors in another order: checkpoint " + mine.keySet() + ", model " + theirs.keySet());
    }
    return new WeightsMismatchException(source, missing, unexpected, misShaped, other,
        "The checkpoint was written for another architecture (fingerprint " + hex(fingerprint()) + ", model "
            + hex(model.fingerprint()) + "); the model and optimiser are unchanged.");
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8 && i < bytes.length; i++) {
      sb.append(String.format("%02x", bytes[i]));
    }
    return sb.toString();
  }

  private static Map<String, Tensor> byName(List<Tensor> tensors) {
    Map<String, Tensor> map = new LinkedHashMap<>();
    for (Tensor t : tensors) {
      map.put(t.name, t);
    }
    return map;
  }

  private static int[] dims(Path file, ByteCursor in, String what) throws CheckpointFormatException {
    int rank = in.count(what + " rank", 64);
    int[] dims = new int[rank];
    long elements = 1;
    for (int i = 0; i < rank; i++) {
      dims[i] = in.count(what + " dimension " + i, Integer.MAX_VALUE);
      elements *= dims[i];
      if (elements > Integer.MAX_VALUE) {
        throw new CheckpointFormatException(file, what + " " + Arrays.toString(dims) + " is too large");
      }
    }
    return dims;
  }

  private static void putDims(ByteArrayOutputStream out, int[] dims) {
    putInt(out, dims.length);
    for (int d : dims) {
      putInt(out, d);
    }
  }

  private static void putInt(ByteArrayOutputStream out, int v) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }
}
