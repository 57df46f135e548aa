package dev.staticnet.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser for what a safetensors header holds: objects (as ordered maps, duplicate
 * keys rejected), arrays, strings with every escape of RFC 8259, and integers (as {@link Long}).
 * Fractions, exponents, {@code true}, {@code false} and {@code null} are rejected, as is anything
 * after the value other than whitespace. Errors name the character offset and what was expected.
 */
final class JsonReader {
  /** Deeper nesting than this is rejected instead of overflowing the stack (a header nests 3 deep). */
  private static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value filling all of {@code text} (surrounding whitespace allowed).
   *
   * @return a {@code Map<String, Object>}, {@code List<Object>}, {@link String} or {@link Long}
   * @throws IllegalArgumentException naming the offset and the problem if the text is not such JSON
   */
  static Object parse(String text) {
    JsonReader r = new JsonReader(text);
    r.skipWhitespace();
    Object value = r.value(0);
    r.skipWhitespace();
    if (r.pos != text.length()) {
      throw r.error("expected the end of the JSON text");
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (pos >= text.length()) {
      throw error("expected a value");
    }
    char c = text.charAt(pos);
    if (c == '{') {
      return object(depth);
    }
    if (c == '[') {
      return array(depth);
    }
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return integer();
    }
    throw error("expected an object, array, string or integer (a safetensors header holds nothing else)");
  }

  private Map<String, Object> object(int depth) {
    pos++; // '{'
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      int keyAt = pos;
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object v = value(depth + 1);
      if (map.put(key, v) != null) {
        pos = keyAt;
        throw error("duplicate key \"" + key + "\"");
      }
      skipWhitespace();
      char c = pos < text.length() ? text.charAt(pos) : 0;
      pos++;
      if (c == '}') {
        return Collections.unmodifiableMap(map);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    pos++; // '['
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      char c = pos < text.length() ? text.charAt(pos) : 0;
      pos++;
      if (c == ']') {
        return Collections.unmodifiableList(list);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    pos++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character U+" + String.format("%04X", (int) c) + " in a string must be escaped");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"': sb.append('"'); break;
        case '\\': sb.append('\\'); break;
        case '/': sb.append('/'); break;
        case 'b': sb.append('\b'); break;
        case 'f': sb.append('\f'); break;
        case 'n': sb.append('\n'); break;
        case 'r': sb.append('\r'); break;
        case 't': sb.append('\t'); break;
        case 'u': sb.append(hex4()); break;
        default:
          pos--;
          throw error("invalid escape '\\" + e + "'");
      }
    }
  }

  private char hex4() {
    if (pos + 4 > text.length()) {
      throw error("\\u needs 4 hex digits");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos), 16);
      if (d < 0) {
        throw error("\\u needs 4 hex digits");
      }
      v = v * 16 + d;
      pos++;
    }
    return (char) v;
  }

  /** {@code -?(0|[1-9][0-9]*)} fitting a long; fractions and exponents are rejected. */
  private Long integer() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (pos >= text.length() || !isDigit(text.charAt(pos))) {
      throw error("expected a digit");
    }
    if (text.charAt(pos) == '0' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
      throw error("leading zeros are not allowed in JSON numbers");
    }
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      throw error("expected an integer; fractions and exponents do not appear in a safetensors header");
    }
    String digits = text.substring(start, pos);
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException overflow) {
      pos = start;
      throw error("integer " + digits + " does not fit in 64 bits");
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of JSON text");
    }
    return text.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String problem) {
    String found = pos >= text.length() ? "end of text" : "'" + text.charAt(pos) + "'";
    return new IllegalArgumentException("malformed JSON at character " + pos + ": " + problem + ", found " + found);
  }
}
