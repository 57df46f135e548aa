package dev.staticnet.io;

import static dev.staticnet.io.Fixtures.f32;
import static dev.staticnet.io.Fixtures.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-built malformed files: each fails with a message naming the file and the problem. */
class SafetensorsRejectionTest {
  private static final String ONE = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

  @TempDir Path dir;

  private String problem(byte[] bytes) throws IOException {
    Path p = Fixtures.write(dir, "bad.safetensors", bytes);
    SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(p));
    String prefix = p + ": ";
    assertEquals(prefix, e.getMessage().substring(0, prefix.length()));
    // load() validates the same way before touching the model
    assertThrows(SafetensorsFormatException.class, () -> Safetensors.load(p, new TinyNet(1)));
    return e.getMessage().substring(prefix.length());
  }

  @Test
  void validFixtureIsAccepted() throws IOException {
    Path p = Fixtures.write(dir, "ok.safetensors", file(ONE, f32(1, 2)));
    assertEquals(2, Safetensors.read(p).tensors().get("a").values().length);
  }

  @Test
  void headerLengthOverTheLimitOrPastTheFile() throws IOException {
    byte[] header = ONE.getBytes(StandardCharsets.UTF_8);
    assertEquals("header length 100000001 bytes exceeds the limit of 100000000 bytes (not a safetensors file?)",
        problem(file(100_000_001L, header, f32(1, 2))));
    assertEquals("header length 18446744073709551615 bytes exceeds the limit of 100000000 bytes (not a safetensors "
        + "file?)", problem(file(-1L, header, f32(1, 2))));
    assertEquals("header length 1000 bytes runs past the end of the 70-byte file (truncated?)",
        problem(file(1000, header, f32(1, 2))));
    assertEquals("file has 5 bytes, too short for the 8-byte header length", problem(new byte[5]));
  }

  @Test
  void offsetsOutsideTheFileAreRejectedBeforeAllocating() throws IOException {
    // 4 GB of floats declared in a 100-byte file: must fail on the offsets, not with OutOfMemoryError
    assertEquals("tensor 'a' bytes [0, 4000000000) run past the end of the 8-byte data section (truncated?)",
        problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1000000000],\"data_offsets\":[0,4000000000]}}", f32(1, 2))));
    assertEquals("tensor 'a' bytes [0, 8) run past the end of the 4-byte data section (truncated?)",
        problem(file(ONE, f32(1))));
  }

  @Test
  void truncatedFileIsRejected() throws IOException {
    byte[] whole = file(ONE, f32(1, 2));
    assertEquals("tensor 'a' bytes [0, 8) run past the end of the 5-byte data section (truncated?)",
        problem(Arrays.copyOf(whole, whole.length - 3)));
    assertEquals("header length 54 bytes runs past the end of the 40-byte file (truncated?)",
        problem(Arrays.copyOf(whole, 40)));
  }

  @Test
  void overlapHoleAndTrailingBytesAreRejected() throws IOException {
    assertEquals("tensor 'b' bytes [4, 12) overlap tensor 'a' bytes [0, 8)", problem(file(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", f32(1, 2, 3))));
    assertEquals("data bytes [8, 12) belong to no tensor (a hole before 'b')", problem(file(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", f32(1, 2, 3, 4))));
    assertEquals("data bytes [0, 4) belong to no tensor (a hole before 'a')", problem(file(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", f32(1, 2))));
    assertEquals("data section has 12 bytes but the tensors cover 8 (trailing bytes)",
        problem(file(ONE, f32(1, 2, 3))));
  }

  @Test
  void byteLengthMustMatchShapeAndDtype() throws IOException {
    assertEquals("tensor 'a': data_offsets [0, 12] hold 12 bytes, but F32 shape [2] needs 8",
        problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,12]}}", f32(1, 2, 3))));
    assertEquals("tensor 'a': data_offsets [8, 0] must satisfy 0 <= begin <= end",
        problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", f32(1, 2))));
    assertEquals("tensor 'a': shape [-2] has a negative dimension",
        problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", f32(1, 2))));
    assertEquals("tensor 'a': shape [65536, 65536] has more values than one Java array holds",
        problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", f32(1, 2))));
  }

  @Test
  void unknownAndUnsupportedDtypesAreNamed() throws IOException {
    assertEquals("tensor 'a': unknown dtype \"X9\"; StaticNet reads F32, F16, BF16, F64 and I64",
        problem(file(ONE.replace("F32", "X9"), f32(1, 2))));
    assertEquals("tensor 'a': dtype I32 is not supported; StaticNet reads F32, F16, BF16, F64 (converted to float) "
        + "and I64 (counters)", problem(file(ONE.replace("F32", "I32"), f32(1, 2))));
  }

  @Test
  void malformedJsonIsRejectedWithItsPosition() throws IOException {
    assertEquals("header: malformed JSON at character 53: expected ',' or '}', found end of text",
        problem(file(ONE.substring(0, ONE.length() - 1), f32(1, 2))));
    assertEquals("header: malformed JSON at character 54: duplicate key \"a\"",
        problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", f32(1, 2))).replace(", found '\"'", ""));
    assertEquals("header: malformed JSON at character 30: expected an integer; fractions and exponents do not "
        + "appear in a safetensors header, found '.'",
        problem(file(ONE.replace("[2]", "[2.0]"), f32(1, 2))));
    assertEquals("header is not valid UTF-8",
        problem(file(8, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})));
    assertEquals("header must be a JSON object of tensors, got an array", problem(file("[]      ")));
  }

  @Test
  void entriesMustHaveExactlyTheThreeKeys() throws IOException {
    assertEquals("tensor 'a' has keys [dtype, shape], expected exactly [dtype, shape, data_offsets]",
        problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", f32(1, 2))));
    assertEquals("tensor 'a' has keys [dtype, shape, data_offsets, extra], expected exactly [dtype, shape, "
        + "data_offsets]", problem(file(ONE.replace("]}}", "],\"extra\":\"x\"}}"), f32(1, 2))));
    assertEquals("__metadata__ value of \"n\" must be a string, got the integer 3",
        problem(file("{\"__metadata__\":{\"n\":3}}")));
    assertEquals("tensor 'a': data_offsets must have 2 integers, got 3",
        problem(file(ONE.replace("[0,8]", "[0,4,8]"), f32(1, 2))));
  }
}
