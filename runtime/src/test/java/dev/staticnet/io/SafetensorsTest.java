package dev.staticnet.io;

import static dev.staticnet.io.Fixtures.f32;
import static dev.staticnet.io.Fixtures.file;
import static dev.staticnet.io.Fixtures.i64;
import static dev.staticnet.io.Fixtures.padded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.staticnet.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir Path dir;

  @Test
  void roundTripKeepsEveryBitShapesAndMetadata() throws IOException {
    float nanWithPayload = Float.intBitsToFloat(0x7FC0_1234);
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    tensors.put("w", TensorData.f32(new int[] {2, 3}, 1.5f, -0f, Float.MIN_VALUE, nanWithPayload,
        Float.NEGATIVE_INFINITY, 3.4e38f));
    tensors.put("empty", TensorData.f32(new int[] {0, 4}));
    tensors.put("count", new TensorData(DType.I64, new int[0], new float[] {7}));
    Path p = dir.resolve("t.safetensors");
    Safetensors.write(p, tensors, Map.of("format", "pt"));

    Safetensors.Contents back = Safetensors.read(p);
    assertEquals(Map.of("format", "pt"), back.metadata());
    assertEquals(tensors.keySet(), back.tensors().keySet());
    for (String name : tensors.keySet()) {
      TensorData expected = tensors.get(name);
      TensorData actual = back.tensors().get(name);
      assertEquals(expected.dtype(), actual.dtype(), name);
      assertArrayEquals(expected.shape(), actual.shape(), name);
      for (int i = 0; i < expected.values().length; i++) {
        assertEquals(Float.floatToRawIntBits(expected.values()[i]), Float.floatToRawIntBits(actual.values()[i]),
            name + "[" + i + "]");
      }
    }
    // Layout: I64 first, then F32 by name (the safetensors library's order), whatever the map order.
    assertEquals(List.of("count", "empty", "w"), List.copyOf(back.tensors().keySet()));
  }

  /**
   * The exact bytes the safetensors library (Rust crate, used by {@code safetensors.torch.save_file})
   * produces, from its own unit tests {@code test_serialization} ({"attn.0": F32 [1, 2, 3] holding
   * 0..5}, no metadata; the 64-byte JSON needs no padding) and {@code test_empty} (no tensors,
   * metadata {"framework": "pt"}, padded with 5 spaces to 40 bytes).
   */
  @Test
  void writerProducesTheSafetensorsLibrarysBytes() throws IOException {
    byte[] expected = file("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}",
        f32(0, 1, 2, 3, 4, 5));
    assertEquals(8 + 64 + 24, expected.length);
    Path p = dir.resolve("attn.safetensors");
    Safetensors.write(p, Map.of("attn.0", TensorData.f32(new int[] {1, 2, 3}, 0, 1, 2, 3, 4, 5)), Map.of());
    assertArrayEquals(expected, Files.readAllBytes(p));

    byte[] empty = file("{\"__metadata__\":{\"framework\":\"pt\"}}     ");
    assertEquals(48, empty.length);
    Safetensors.write(p, Map.of(), Map.of("framework", "pt"));
    assertArrayEquals(empty, Files.readAllBytes(p));
    assertEquals(Map.of("framework", "pt"), Safetensors.read(p).metadata());
  }

  /**
   * A PyTorch {@code state_dict} as {@code safetensors.torch.save_file(sd, path, metadata={"format":
   * "pt"})} writes it, built by hand from the library's rules (tensor.rs {@code prepare}): tensors
   * sorted by dtype alignment descending (I64 before F32), then by name; compact JSON with
   * {@code __metadata__} first; padded with spaces to a multiple of 8 bytes. Our {@link Safetensors#save}
   * must give the same bytes, and {@link Safetensors#load} must read them.
   */
  @Test
  void pytorchStateDictLayoutLoadsAndSavesByteForByte() throws IOException {
    TinyNet source = new TinyNet(5);
    source.trainStep(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new float[] {1, 0, 1, 0, 1, 0}, 2, Optimizer.sgd(0.01f));
    float[] w = source.parameters().get("fc.weight");
    float[] b = source.parameters().get("fc.bias");
    float[] mean = source.parameters().get("bn.running_mean");
    float[] var = source.parameters().get("bn.running_var");
    String header = padded("{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
        + "\"bn.running_mean\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]},"
        + "\"bn.running_var\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[20,32]},"
        + "\"fc.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[32,44]},"
        + "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[44,92]}}");
    byte[] torchBytes = file(header, i64(1), f32(mean), f32(var), f32(b), f32(w));

    Path saved = dir.resolve("ours.safetensors");
    Safetensors.save(saved, source);
    assertArrayEquals(torchBytes, Files.readAllBytes(saved));

    TinyNet target = new TinyNet(99);
    Safetensors.load(Fixtures.write(dir, "torch.safetensors", torchBytes), target);
    Fixtures.assertSameTensors(Fixtures.snapshot(source), target);
    float[] x = {0.5f, -1, 2, 0.25f};
    assertArrayEquals(source.predict(x, 1), target.predict(x, 1));
  }

  @Test
  void counterIsWrittenAsI64AndLoadsBack() throws IOException {
    TinyNet source = new TinyNet(1);
    for (int i = 0; i < 5; i++) {
      source.trainStep(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new float[6], 2, Optimizer.sgd(0.01f));
    }
    Path p = dir.resolve("c.safetensors");
    Safetensors.save(p, source);
    TensorData counter = Safetensors.read(p).tensors().get("bn.num_batches_tracked");
    assertEquals(DType.I64, counter.dtype());
    assertArrayEquals(new int[0], counter.shape());
    assertArrayEquals(new float[] {5}, counter.values());
    TinyNet target = new TinyNet(2);
    Safetensors.load(p, target);
    assertArrayEquals(new float[] {5}, target.parameters().get("bn.num_batches_tracked"));
  }

  @Test
  void missingUnexpectedAndMisShapedAreListedTogetherAndNothingIsLoaded() throws IOException {
    String header = "{\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
        + "\"bn.running_mean\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]},"
        + "\"bn.running_var\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[20,32]},"
        + "\"extra.weight\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[32,40]},"
        + "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[3,5],\"data_offsets\":[40,100]}}";
    Path p = Fixtures.write(dir, "bad.safetensors", file(header, i64(3), f32(1, 2, 3), f32(4, 5, 6), f32(7, 8),
        f32(new float[15])));
    TinyNet model = new TinyNet(3);
    Map<String, float[]> before = Fixtures.snapshot(model);
    WeightsMismatchException e = assertThrows(WeightsMismatchException.class, () -> Safetensors.load(p, model));
    assertEquals(List.of("fc.bias [3]"), e.missing());
    assertEquals(List.of("extra.weight [2]"), e.unexpected());
    assertEquals(List.of("fc.weight: file [3, 5], model [3, 4]"), e.misShaped());
    assertEquals(p + " does not match the model's tensors; nothing was loaded:\n"
        + "  missing (in the model, not in the file): 1\n"
        + "    fc.bias [3]\n"
        + "  unexpected (in the file, not in the model): 1\n"
        + "    extra.weight [2]\n"
        + "  mis-shaped: 1\n"
        + "    fc.weight: file [3, 5], model [3, 4]\n"
        + "Names follow PyTorch's state_dict; pass a rename function to map differing names (null skips a tensor).",
        e.getMessage());
    Fixtures.assertSameTensors(before, model);
  }

  @Test
  void renameHookMapsAndSkipsNames() throws IOException {
    TinyNet source = new TinyNet(8);
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    for (String name : source.parameters().names()) {
      boolean counter = name.endsWith("num_batches_tracked");
      tensors.put("module." + name, new TensorData(counter ? DType.I64 : DType.F32, source.parameters().shape(name),
          source.parameters().get(name)));
    }
    tensors.put("aux_head.weight", TensorData.f32(new int[] {2}, 1, 2));
    Path p = dir.resolve("ddp.safetensors");
    Safetensors.write(p, tensors, Map.of());

    TinyNet target = new TinyNet(9);
    WeightsMismatchException strict = assertThrows(WeightsMismatchException.class, () -> Safetensors.load(p, target));
    assertEquals(5, strict.missing().size());
    assertEquals(6, strict.unexpected().size());
    Safetensors.load(p, target, n -> n.startsWith("aux_head.") ? null : n.substring("module.".length()));
    Fixtures.assertSameTensors(Fixtures.snapshot(source), target);

    WeightsMismatchException twice = assertThrows(WeightsMismatchException.class,
        () -> Safetensors.load(p, new TinyNet(1), n -> n.startsWith("aux_head.") ? "fc.bias"
            : n.substring("module.".length())));
    // aux_head.weight comes first in the file (I64 first, then by name), so it claims fc.bias
    assertEquals(List.of("aux_head.weight (as fc.bias): file [2], model [3]"), twice.misShaped());
    assertEquals(List.of("fc.bias: both 'aux_head.weight' and 'module.fc.bias' map to it"), twice.other());
  }

  @Test
  void halfBfloatAndDoubleAreConvertedToFloat() throws IOException {
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[0,10]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[10,14]},"
        + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[14,22]}}";
    // F16: 1.0, -2.0, 65504 (largest), 2^-24 (smallest subnormal), -inf; BF16: 1.0, -3.0
    Path p = Fixtures.write(dir, "mixed.safetensors", file(header, Fixtures.u16(0x3C00, 0xC000, 0x7BFF, 0x0001, 0xFC00),
        Fixtures.u16(0x3F80, 0xC040), Fixtures.f64(0.1)));
    Map<String, TensorData> t = Safetensors.read(p).tensors();
    assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, Float.NEGATIVE_INFINITY}, t.get("h").values());
    assertArrayEquals(new float[] {1f, -3f}, t.get("b").values());
    assertArrayEquals(new float[] {0.1f}, t.get("d").values());
    assertEquals(List.of("h", "b", "d"), List.copyOf(t.keySet()), "offset order");
  }

  @Test
  void wrongDtypeAndInvalidCounterValuesLeaveTheModelUnchanged() throws IOException {
    TinyNet model = new TinyNet(4);
    Map<String, float[]> before = Fixtures.snapshot(model);
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    for (String name : model.parameters().names()) {
      tensors.put(name, new TensorData(DType.F32, model.parameters().shape(name), model.parameters().get(name)));
    }
    Path asFloat = dir.resolve("f.safetensors");
    Safetensors.write(asFloat, tensors, Map.of());
    WeightsMismatchException e = assertThrows(WeightsMismatchException.class, () -> Safetensors.load(asFloat, model));
    assertEquals(List.of("bn.num_batches_tracked: dtype F32, expected I64 for a counter"), e.other());

    tensors.put("bn.num_batches_tracked", new TensorData(DType.I64, new int[0], new float[] {-4}));
    Path negative = dir.resolve("n.safetensors");
    Safetensors.write(negative, tensors, Map.of());
    e = assertThrows(WeightsMismatchException.class, () -> Safetensors.load(negative, model));
    assertEquals(List.of("bn.num_batches_tracked: a counter must be a non-negative integer, got -4.0"), e.other());
    Fixtures.assertSameTensors(before, model);
  }

  @Test
  void writeRejectsOtherDtypesAndNonIntegerCounters() {
    Path p = dir.resolve("w.safetensors");
    assertThrows(IllegalArgumentException.class,
        () -> Safetensors.write(p, Map.of("h", new TensorData(DType.F16, new int[] {1}, new float[] {1})), Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Safetensors.write(p, Map.of("c", new TensorData(DType.I64, new int[0], new float[] {1.5f})), Map.of()));
    assertEquals("tensor 'c' is I64 but holds the non-integer value 1.5", e.getMessage());
    assertTrue(!Files.exists(p));
  }
}
