package dev.staticnet.benchmarks.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** libtorch loads offline from the bundled jar, runs a matmul, and honours an explicit thread count. */
class TorchPlumbingTest {

  @Test
  void loadsBundledLibtorchOffline() {
    assertEquals("true", System.getProperty("ai.djl.offline"), "tests must run with -Dai.djl.offline=true");
    assertEquals("cpu", System.getenv("PYTORCH_FLAVOR"), "tests must run with PYTORCH_FLAVOR=cpu");
    assertEquals("2.5.1", Torch.version());
    // The libtorch DJL extracted comes from the pytorch-native-cpu jar: its cache dir is named after the
    // jar's version stamp (pytorch.properties: 2.5.1-20241113), not a downloaded build.
    String dir = setting("ENGINE_CACHE_DIR");
    dir = dir != null ? dir : setting("DJL_CACHE_DIR");
    Path cache = Path.of(dir != null ? dir : System.getProperty("user.home") + "/.djl.ai");
    assertTrue(Files.isDirectory(cache.resolve("pytorch/2.5.1-20241113-cpu-linux-x86_64")),
        "expected libtorch extracted from the bundled jar under " + cache);
  }

  /** DJL reads its settings from a system property or, failing that, the environment. */
  private static String setting(String name) {
    String v = System.getProperty(name);
    return v != null ? v : System.getenv(name);
  }

  @Test
  void matmul2x2SingleThreadedAndTwoThreads() {
    int before = Torch.threads();
    try (Torch t = Torch.open()) {
      NDArray a = t.tensor(new float[] {1, 2, 3, 4}, 2, 2);
      NDArray b = t.tensor(new float[] {5, 6, 7, 8}, 2, 2);
      float[] expected = {19, 22, 43, 50};

      Torch.setThreads(1);
      assertEquals(1, Torch.threads());
      assertArrayEquals(expected, Torch.read(Torch.matmul(a, b)));

      Torch.setThreads(2);
      assertEquals(2, Torch.threads());
      assertArrayEquals(expected, Torch.read(Torch.matmul(a, b)));
    } finally {
      Torch.setThreads(before);
    }
  }

  @Test
  void autogradThroughLinearGivesOuterProducts() {
    try (Torch t = Torch.open(); GradientCollector tape = Torch.gradients()) {
      NDArray x = t.parameter(new float[] {1, 2}, 1, 2);
      NDArray w = t.parameter(new float[] {3, 4, 5, 6}, 2, 2);
      NDArray b = t.parameter(new float[] {0.5f, -0.5f}, 2);
      NDArray y = Torch.linear(x, w, b); // (1,2): [1·3+2·4+0.5, 1·5+2·6−0.5] = [11.5, 16.5]
      assertArrayEquals(new float[] {11.5f, 16.5f}, Torch.read(y));
      tape.backward(y.sum());
      assertArrayEquals(new float[] {8, 10}, Torch.grad(x)); // Σ_out W
      assertArrayEquals(new float[] {1, 2, 1, 2}, Torch.grad(w)); // dy ⊗ x
      assertArrayEquals(new float[] {1, 1}, Torch.grad(b));
    }
  }
}
