package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding Fashion-MNIST, installing it as root with a stand-in apt-get, and the message otherwise. */
class FashionMnistTest {
  private static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte.gz");

  @TempDir Path tmp;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

  @Test
  void aCompleteDirectoryIsReturnedAsItIs() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("fashion"));
    for (String f : FILES) {
      Files.createFile(data.resolve(f));
    }
    assertEquals(data, new FashionMnist(data, false, "no-such-apt-get").locate(out));
    assertEquals("", log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutRootItSaysExactlyWhatToInstall() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("fashion"));
    Files.createFile(data.resolve(FILES.get(0))); // incomplete
    FashionMnist.MissingException e = assertThrows(FashionMnist.MissingException.class,
        () -> new FashionMnist(data, false, "no-such-apt-get").locate(out));
    assertTrue(e.getMessage().contains("sudo apt-get install dataset-fashion-mnist"), e.getMessage());
    assertTrue(e.getMessage().contains(data.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("--data DIR"), e.getMessage());
    assertEquals("", log.toString(StandardCharsets.UTF_8), "nothing is run without root");
  }

  @Test
  void asRootItInstallsThePackageRetryingAfterAnUpdate() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    Path data = tmp.resolve("fashion");
    Path calls = tmp.resolve("calls.txt");
    // A stand-in apt-get: "install" fails until "update" has run, then creates the four files.
    Path aptGet = script("apt-get", "echo \"$*\" >> " + calls + "\n"
        + "case \"$1\" in\n"
        + "  update) touch " + tmp.resolve("updated") + " ;;\n"
        + "  install) [ -f " + tmp.resolve("updated") + " ] || { echo 'E: Unable to locate package'; exit 100; }\n"
        + "    mkdir -p " + data + " && cd " + data + " && touch " + String.join(" ", FILES) + " ;;\n"
        + "esac\n");
    assertEquals(data, new FashionMnist(data, true, aptGet.toString()).locate(out));
    assertEquals(List.of("install -y --no-install-recommends dataset-fashion-mnist", "update",
        "install -y --no-install-recommends dataset-fashion-mnist"), Files.readAllLines(calls));
    String printed = log.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("installing Debian's package dataset-fashion-mnist"), printed);
    assertTrue(printed.contains("E: Unable to locate package"), "apt-get's own output is shown: " + printed);
  }

  @Test
  void asRootAFailedInstallStillEndsWithWhatToInstall() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    Path aptGet = script("apt-get", "echo 'E: Could not open lock file'\nexit 100\n");
    Path data = tmp.resolve("fashion");
    FashionMnist.MissingException e = assertThrows(FashionMnist.MissingException.class,
        () -> new FashionMnist(data, true, aptGet.toString()).locate(out));
    assertTrue(e.getMessage().contains("Installing it with apt-get failed"), e.getMessage());
    assertTrue(e.getMessage().contains("sudo apt-get install dataset-fashion-mnist"), e.getMessage());
    assertFalse(Files.exists(data));
  }

  private Path script(String name, String body) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
