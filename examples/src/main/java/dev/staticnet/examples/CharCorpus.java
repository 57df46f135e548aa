package dev.staticnet.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A text corpus as character ids: printable ASCII (space .. '~') and newline, 96 symbols; other
 * characters are dropped.
 *
 * <p>Held out for validation: from a fortune directory, one fortune in forty (59,420 characters of
 * Debian 12's), chosen by a checksum of its text, so the validation text comes from every topic
 * file and a fortune that appears in two files stays on one side (exact duplicates are kept once);
 * from a plain text file, the last tenth.
 */
final class CharCorpus {
  /** Newline (id 0) and the 95 printable ASCII characters (ids 1 .. 95). */
  static final int VOCAB = 96;

  final byte[] train;
  final byte[] validation;
  /** How the validation text was chosen, for the programs' output. */
  final String split;

  /** One held-out fortune in this many. */
  static final int VALIDATION_SHARE = 40;

  private static final String FORTUNE_SEPARATOR = "%\n";

  private CharCorpus(byte[] train, byte[] validation, String split) {
    this.train = train;
    this.validation = validation;
    this.split = split;
  }

  /** Splits one plain text: the last tenth is held out. */
  static CharCorpus ofText(CharSequence text) {
    byte[] ids = encode(text);
    int split = ids.length - ids.length / 10;
    return new CharCorpus(Arrays.copyOfRange(ids, 0, split), Arrays.copyOfRange(ids, split, ids.length), "the last tenth");
  }

  /**
   * Splits fortune files' contents (fortunes separated by lines holding only {@code %}): each
   * distinct fortune, followed by its separator line, goes to validation when {@link #heldOut(String)},
   * else to training, in file order.
   */
  static CharCorpus ofFortunes(List<String> fileContents) {
    StringBuilder train = new StringBuilder();
    StringBuilder validation = new StringBuilder();
    Set<String> seen = new HashSet<>();
    for (String content : fileContents) {
      for (String fortune : content.split("(?m)^%\n")) {
        if (fortune.isBlank() || !seen.add(fortune)) {
          continue;
        }
        StringBuilder side = heldOut(fortune) ? validation : train;
        side.append(fortune).append(FORTUNE_SEPARATOR);
      }
    }
    return new CharCorpus(encode(train), encode(validation),
        "one distinct fortune in " + VALIDATION_SHARE + ", chosen by checksum");
  }

  /** Whether a fortune is held out: its text's CRC-32 is a multiple of {@link #VALIDATION_SHARE}. */
  static boolean heldOut(String fortune) {
    CRC32 crc = new CRC32();
    crc.update(fortune.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % VALIDATION_SHARE == 0;
  }

  /**
   * Every fortune file in {@code dir} (files with a {@code .dat} index beside them), in name order,
   * or one plain text file.
   */
  static CharCorpus load(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return ofText(new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(path)) {
      s.filter(p -> Files.exists(Path.of(p + ".dat"))).sorted().forEach(files::add);
    }
    if (files.isEmpty()) {
      throw new IOException("no fortune files (NAME with NAME.dat beside it) in " + path);
    }
    List<String> contents = new ArrayList<>();
    for (Path f : files) {
      contents.add(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
    }
    return ofFortunes(contents);
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
