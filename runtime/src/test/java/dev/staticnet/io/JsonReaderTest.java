package dev.staticnet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  @Test
  void parsesObjectsArraysStringsAndIntegersInOrder() {
    Object v = JsonReader.parse(" {\"b\": [1, -2, 0, 9223372036854775807], \"a\": {}, \"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\"}  ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of("b", "a", "s"), List.copyOf(m.keySet()));
    assertEquals(List.of(1L, -2L, 0L, Long.MAX_VALUE), m.get("b"));
    assertEquals(Map.of(), m.get("a"));
    assertEquals("x\"\\/\b\f\n\r\té€", m.get("s"));
    assertEquals("ünïcödé", JsonReader.parse("\"ünïcödé\""));
    assertEquals(List.of(List.of()), JsonReader.parse("[[]]"));
  }

  @Test
  void rejectsWhatAHeaderNeverHoldsAndMalformedText() {
    assertProblem("1.5", "malformed JSON at character 1: expected an integer; fractions and exponents do not appear in "
        + "a safetensors header, found '.'");
    assertProblem("1e3", "malformed JSON at character 1: expected an integer; fractions and exponents do not appear in "
        + "a safetensors header, found 'e'");
    assertProblem("true", "malformed JSON at character 0: expected an object, array, string or integer (a safetensors "
        + "header holds nothing else), found 't'");
    assertProblem("01", "malformed JSON at character 0: leading zeros are not allowed in JSON numbers, found '0'");
    assertProblem("99999999999999999999", "malformed JSON at character 0: integer 99999999999999999999 does not fit "
        + "in 64 bits, found '9'");
    assertProblem("[1,]", "malformed JSON at character 3: expected an object, array, string or integer (a "
        + "safetensors header holds nothing else), found ']'");
    assertProblem("{\"a\" 1}", "malformed JSON at character 5: expected ':', found '1'");
    assertProblem("{1:2}", "malformed JSON at character 1: expected a string key, found '1'");
    assertProblem("\"a\nb\"", "malformed JSON at character 2: control character U+000A in a string must be escaped, "
        + "found '\n'");
    assertProblem("\"\\x\"", "malformed JSON at character 2: invalid escape '\\x', found 'x'");
    assertProblem("\"\\u12G4\"", "malformed JSON at character 5: \\u needs 4 hex digits, found 'G'");
    assertProblem("\"abc", "malformed JSON at character 4: unterminated string, found end of text");
    assertProblem("{} x", "malformed JSON at character 3: expected the end of the JSON text, found 'x'");
    assertProblem("", "malformed JSON at character 0: expected a value, found end of text");
    assertProblem("[".repeat(100), "malformed JSON at character 65: nesting deeper than 64 levels, found '['");
  }

  private static void assertProblem(String json, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(json));
    assertEquals(message, e.getMessage());
  }
}
