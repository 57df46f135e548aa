package dev.staticnet.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-built safetensors bytes. */
final class Fixtures {
  private Fixtures() {}

  /** 8-byte little-endian length of {@code header}, the header (UTF-8, as given), then the data. */
  static byte[] file(String header, byte[]... data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return file(h.length, h, data);
  }

  /** As {@link #file(String, byte[]...)} with an arbitrary declared header length. */
  static byte[] file(long declaredLength, byte[] header, byte[]... data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredLength).array());
    out.writeBytes(header);
    for (byte[] d : data) {
      out.writeBytes(d);
    }
    return out.toByteArray();
  }

  /** The header padded with spaces to a multiple of 8 bytes, as the safetensors writer does. */
  static String padded(String header) {
    int n = header.getBytes(StandardCharsets.UTF_8).length;
    return header + " ".repeat((8 - n % 8) % 8);
  }

  static byte[] f32(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] i64(long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }

  static byte[] u16(int... values) {
    ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putShort((short) v);
    }
    return b.array();
  }

  static byte[] f64(double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  /** Every tensor of the model, copied. */
  static java.util.Map<String, float[]> snapshot(dev.staticnet.Model m) {
    java.util.Map<String, float[]> s = new java.util.LinkedHashMap<>();
    for (String n : m.parameters().names()) {
      s.put(n, m.parameters().get(n));
    }
    return s;
  }

  static void assertSameTensors(java.util.Map<String, float[]> expected, dev.staticnet.Model m) {
    for (java.util.Map.Entry<String, float[]> e : expected.entrySet()) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(e.getValue(), m.parameters().get(e.getKey()), e.getKey());
    }
  }
}
