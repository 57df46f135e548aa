package dev.staticnet.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A text corpus as character ids: printable ASCII (space .. '~') and newline, 96 symbols; other
 * characters are dropped. The last tenth is held out for validation.
 */
final class CharCorpus {
  /** Newline (id 0) and the 95 printable ASCII characters (ids 1 .. 95). */
  static final int VOCAB = 96;

  final byte[] train;
  final byte[] validation;

  private CharCorpus(byte[] ids) {
    int split = ids.length - ids.length / 10;
    this.train = Arrays.copyOfRange(ids, 0, split);
    this.validation = Arrays.copyOfRange(ids, split, ids.length);
  }

  /**
   * Every fortune file in {@code dir} (files with a {@code .dat} index beside them), in name order,
   * or one plain text file.
   */
  static CharCorpus load(Path path) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.list(path)) {
        s.filter(p -> Files.exists(Path.of(p + ".dat"))).sorted().forEach(files::add);
      }
      if (files.isEmpty()) {
        throw new IOException("no fortune files (NAME with NAME.dat beside it) in " + path);
      }
    } else {
      files.add(path);
    }
    StringBuilder text = new StringBuilder();
    for (Path f : files) {
      text.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
    }
    return new CharCorpus(encode(text));
  }

  static byte[] encode(CharSequence text) {
    byte[] ids = new byte[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      int id = id(text.charAt(i));
      if (id >= 0) {
        ids[n++] = (byte) id;
      }
    }
    return Arrays.copyOf(ids, n);
  }

  /** The id of {@code c}, or −1 if it is outside the alphabet. */
  static int id(char c) {
    if (c == '\n') {
      return 0;
    }
    return c >= ' ' && c <= '~' ? c - ' ' + 1 : -1;
  }

  static char character(int id) {
    return id == 0 ? '\n' : (char) (' ' + id - 1);
  }

  /**
   * Cross-entropy in bits per character of the validation text under the training text's character
   * frequencies (add-one smoothed): what a model that ignores context scores.
   */
  double unigramBitsPerChar() {
    double[] counts = new double[VOCAB];
    Arrays.fill(counts, 1);
    for (byte b : train) {
      counts[b]++;
    }
    double total = train.length + VOCAB;
    double bits = 0;
    for (byte b : validation) {
      bits -= Math.log(counts[b] / total) / Math.log(2);
    }
    return bits / validation.length;
  }

  /**
   * A batch of windows of {@code text}: inputs {@code text[s .. s+T)} as floats, labels the next
   * characters {@code text[s+1 .. s+T]}. Starts are random, or consecutive from {@code first} when
   * {@code rng} is null.
   */
  static void window(byte[] text, int batch, int steps, SplittableRandom rng, int first, float[] ids, int[] next) {
    for (int b = 0; b < batch; b++) {
      int start = rng != null ? rng.nextInt(text.length - steps) : first + b * steps;
      for (int t = 0; t < steps; t++) {
        ids[b * steps + t] = text[start + t];
        next[b * steps + t] = text[start + t + 1];
      }
    }
  }
}
