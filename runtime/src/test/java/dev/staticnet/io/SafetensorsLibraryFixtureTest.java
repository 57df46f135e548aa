package dev.staticnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written by the safetensors library itself (Python package 0.8.0, whose Rust serializer
 * {@code safetensors.torch.save_file} also uses), embedded byte for byte. It was made with:
 *
 * <pre>
 * import numpy as np
 * from safetensors.numpy import save_file
 * save_file({
 *     "fc.weight": np.arange(12, dtype=np.float32).reshape(3, 4) * np.float32(0.5) - np.float32(1),
 *     "fc.bias": np.array([0.25, -0.5, 1.5], dtype=np.float32),
 *     "bn.running_mean": np.array([0.1, 0.2, 0.3], dtype=np.float32),
 *     "bn.running_var": np.array([1.0, 0.9, 1.1], dtype=np.float32),
 *     "bn.num_batches_tracked": np.array(7, dtype=np.int64),
 * }, "fixture.safetensors", metadata={"format": "pt"})
 * </pre>
 *
 * (numpy stands in for torch: both hand the same dtypes, shapes and bytes to the same serializer).
 * The layout: I64 first, then F32 by name; {@code __metadata__} first; the 367-byte JSON padded with
 * one space to 368.
 */
class SafetensorsLibraryFixtureTest {
  static final byte[] LIBRARY_BYTES = HexFormat.of().parseHex(
      "70010000000000007b225f5f6d657461646174615f5f223a7b22666f726d6174223a227074227d2c22626e2e6e756d5f"
      + "626174636865735f747261636b6564223a7b226474797065223a22493634222c227368617065223a5b5d2c2264617461"
      + "5f6f666673657473223a5b302c385d7d2c22626e2e72756e6e696e675f6d65616e223a7b226474797065223a22463332"
      + "222c227368617065223a5b335d2c22646174615f6f666673657473223a5b382c32305d7d2c22626e2e72756e6e696e67"
      + "5f766172223a7b226474797065223a22463332222c227368617065223a5b335d2c22646174615f6f666673657473223a"
      + "5b32302c33325d7d2c2266632e62696173223a7b226474797065223a22463332222c227368617065223a5b335d2c2264"
      + "6174615f6f666673657473223a5b33322c34345d7d2c2266632e776569676874223a7b226474797065223a2246333222"
      + "2c227368617065223a5b332c345d2c22646174615f6f666673657473223a5b34342c39325d7d7d200700000000000000"
      + "cdcccc3dcdcc4c3e9a99993e0000803f6666663fcdcc8c3f0000803e000000bf0000c03f000080bf000000bf00000000"
      + "0000003f0000803f0000c03f000000400000204000004040000060400000804000009040");

  @TempDir Path dir;

  @Test
  void fileFromTheLibraryLoadsIntoTheModel() throws IOException {
    Path p = Fixtures.write(dir, "fixture.safetensors", LIBRARY_BYTES);
    TinyNet model = new TinyNet(1);
    Safetensors.load(p, model);
    assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 3.5f, 4f, 4.5f},
        model.parameters().get("fc.weight"));
    assertArrayEquals(new float[] {0.25f, -0.5f, 1.5f}, model.parameters().get("fc.bias"));
    assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, model.parameters().get("bn.running_mean"));
    assertArrayEquals(new float[] {1.0f, 0.9f, 1.1f}, model.parameters().get("bn.running_var"));
    assertArrayEquals(new float[] {7f}, model.parameters().get("bn.num_batches_tracked"));
    // row 0 of fc.weight is [-1, -0.5, 0, 0.5]: x = [1, 0, 0, 1] gives -1 + 0.5 + bias 0.25
    assertEquals(-0.25f, model.predict(new float[] {1, 0, 0, 1}, 1)[0]);
    assertEquals(Map.of("format", "pt"), Safetensors.read(p).metadata());
  }

  @Test
  void ourWriterReproducesTheLibrarysBytes() throws IOException {
    TinyNet model = new TinyNet(1);
    Safetensors.load(Fixtures.write(dir, "in.safetensors", LIBRARY_BYTES), model);
    Path saved = dir.resolve("ours.safetensors");
    Safetensors.save(saved, model);
    assertArrayEquals(LIBRARY_BYTES, Files.readAllBytes(saved));

    // The same through the low-level writer, given the tensors in state_dict order, not file order.
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    Safetensors.read(saved).tensors().forEach((name, t) -> tensors.put(name, t));
    Map<String, TensorData> stateDictOrder = new LinkedHashMap<>();
    for (String name : model.parameters().names()) {
      stateDictOrder.put(name, tensors.get(name));
    }
    Path again = dir.resolve("again.safetensors");
    Safetensors.write(again, stateDictOrder, Map.of("format", "pt"));
    assertArrayEquals(LIBRARY_BYTES, Files.readAllBytes(again));
  }
}
