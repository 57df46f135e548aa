package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CharCorpus's alphabet and its held-out split of fortune files. */
class CharCorpusTest {
  private static String decode(byte[] ids) {
    StringBuilder s = new StringBuilder();
    for (byte id : ids) {
      s.append(CharCorpus.character(id));
    }
    return s.toString();
  }

  private static List<String> fortunes(String text) {
    List<String> out = new ArrayList<>();
    for (String f : text.isEmpty() ? new String[0] : text.split("%\n")) {
      out.add(f);
    }
    return out;
  }

  @Test
  void encodesNewlineAndPrintableAsciiAndDropsTheRest() {
    assertArrayEquals(new byte[] {41, 0, 1, 95}, CharCorpus.encode("H\n \u00e9~"));
    assertEquals("H\n ~", decode(CharCorpus.encode("H\n \u00e9~")));
  }

  /**
   * Four hundred distinct fortunes over two files, each appearing in both: every fortune lands
   * whole on exactly one side, once, and about one in forty is held out.
   */
  @Test
  void fortunesSplitWholeAndOnceByTheirChecksum() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    int n = 400;
    for (int i = 0; i < n; i++) {
      String fortune = "Fortune number " + i + " says\nline two of " + i + "\n";
      (i % 2 == 0 ? a : b).append(fortune).append("%\n");
      (i % 2 == 0 ? b : a).append(fortune).append("%\n");
    }
    CharCorpus corpus = CharCorpus.ofFortunes(List.of(a.toString(), b.toString()));
    List<String> train = fortunes(decode(corpus.train));
    List<String> validation = fortunes(decode(corpus.validation));
    assertEquals(n, train.size() + validation.size(), "each distinct fortune once");
    for (String f : validation) {
      assertTrue(CharCorpus.heldOut(f), f);
      assertTrue(!train.contains(f), "held out and trained on: " + f);
    }
    assertTrue(validation.size() >= 3 && validation.size() <= 25, "about 10 of 400 held out: " + validation.size());
  }

  @Test
  void plainTextHoldsOutItsLastTenth() {
    CharCorpus corpus = CharCorpus.ofText("abcdefghij".repeat(10));
    assertEquals(90, corpus.train.length);
    assertEquals("abcdefghij", decode(corpus.validation));
  }
}
