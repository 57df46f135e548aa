package dev.staticnet.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds Fashion-MNIST where Debian's {@code dataset-fashion-mnist} package puts it, installing the
 * package with {@code apt-get} first when it is missing and the program runs as root.
 */
final class FashionMnist {
  /** Where the Debian package installs the four IDX files. */
  static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  /** The Debian package. */
  static final String PACKAGE = "dataset-fashion-mnist";

  private static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

  /** The data set is missing and could not be installed; the message says what to install. */
  static final class MissingException extends Exception {
    MissingException(String message) {
      super(message);
    }
  }

  private final Path dir;
  private final boolean root;
  private final String aptGet;

  /**
   * @param dir where the package installs the files
   * @param root whether this process may install packages
   * @param aptGet the apt-get executable
   */
  FashionMnist(Path dir, boolean root, String aptGet) {
    this.dir = dir;
    this.root = root;
    this.aptGet = aptGet;
  }

  /** The Debian location, installing as root with the {@code apt-get} on the PATH. */
  static FashionMnist debian() {
    return new FashionMnist(DEBIAN_DIR, isRoot(), "apt-get");
  }

  /**
   * The directory holding the four files. When they are missing and this process runs as root, runs
   * {@code apt-get install -y dataset-fashion-mnist} (after {@code apt-get update} if the first attempt
   * fails, as on a fresh machine with empty package lists), its output going to {@code log}.
   *
   * @throws MissingException naming the directory and what to install, if the files are still missing
   */
  Path locate(PrintStream log) throws MissingException {
    if (isComplete(dir)) {
      return dir;
    }
    if (root) {
      log.println("Fashion-MNIST is not in " + dir + "; installing Debian's package " + PACKAGE + " (apt-get)");
      log.flush();
      boolean installed = run(log, aptGet, "install", "-y", "--no-install-recommends", PACKAGE)
          || run(log, aptGet, "update") && run(log, aptGet, "install", "-y", "--no-install-recommends", PACKAGE);
      if (installed && isComplete(dir)) {
        return dir;
      }
    }
    throw new MissingException("Fashion-MNIST is missing: expected the four IDX files (" + String.join(", ", FILES)
        + ", each raw or .gz) in " + dir + ".\n"
        + (root ? "Installing it with apt-get failed (see above). " : "")
        + "Install Debian's package " + PACKAGE + ":\n"
        + "    sudo apt-get install " + PACKAGE + "\n"
        + "or pass --data DIR naming a directory that holds the four files.");
  }

  /** Whether {@code dir} holds the four files, each raw or gzipped. */
  static boolean isComplete(Path dir) {
    for (String name : FILES) {
      if (!Files.isRegularFile(dir.resolve(name)) && !Files.isRegularFile(dir.resolve(name + ".gz"))) {
        return false;
      }
    }
    return true;
  }

  /** Whether this process runs as root (uid 0), read from the owner of {@code /proc/self} on Linux. */
  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** Runs a command non-interactively with its output sent to {@code log}; true if it exits 0. */
  private static boolean run(PrintStream log, String... command) {
    log.println("$ " + String.join(" ", command));
    log.flush();
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      process.getInputStream().transferTo(log);
      log.flush();
      return process.waitFor() == 0;
    } catch (IOException e) {
      log.println("cannot run " + command[0] + ": " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
