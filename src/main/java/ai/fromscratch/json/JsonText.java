package ai.fromscratch.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader and string quoting with no dependencies, for the plain-Java packages that
 * read and write tokenizer.json ({@code bpe}, {@code retrieval}): jakarta.json would tie them to
 * the container. Values become maps (in file order), lists, strings, {@link BigDecimal} numbers,
 * booleans and {@link #NULL}; nesting is bounded, duplicate keys are refused, and every error names
 * its line and column. Quoting writes ASCII only.
 */
public final class JsonText {
  /** JSON's null, distinct from a missing key. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private static final int MAX_DEPTH = 64;

  private final String text;
  private int position;

  private JsonText(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value filling the whole text.
   *
   * @throws JsonSyntaxException where the text is not JSON
   */
  public static Object parse(String text) {
    JsonText parser = new JsonText(text);
    parser.skipSpace();
    Object value = parser.value(0);
    parser.skipSpace();
    if (parser.position != text.length()) {
      throw parser.error("unexpected text after the JSON value");
    }
    return value;
  }

  /** Appends the string as a JSON string literal; non-ASCII and control characters as escapes. */
  public static void quote(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7E) {
            // Surrogate pairs come out as two escapes, which JSON readers recombine.
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    if (position >= text.length()) {
      throw error("unexpected end of the text");
    }
    char c = text.charAt(position);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c != '-' && (c < '0' || c > '9')) {
          throw error("unexpected character '" + c + "'");
        }
        yield number();
      }
    };
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    position++;
    skipSpace();
    if (peek() == '}') {
      position++;
      return map;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      int keyStart = position;
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      if (map.put(key, value(depth + 1)) != null) {
        position = keyStart;
        throw error("duplicate key \"" + key + "\"");
      }
      skipSpace();
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        position--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> list = new ArrayList<>();
    position++;
    skipSpace();
    if (peek() == ']') {
      position++;
      return list;
    }
    while (true) {
      skipSpace();
      list.add(value(depth + 1));
      skipSpace();
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        position--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    position++;
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        position--;
        throw error("unescaped control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(hex());
        default -> {
          position -= 2;
          throw error("invalid escape '\\" + escape + "'");
        }
      }
    }
  }

  private char hex() {
    if (position + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(position + i), 16);
      if (digit < 0) {
        throw error("invalid \\u escape");
      }
      value = value * 16 + digit;
    }
    position += 4;
    return (char) value;
  }

  private BigDecimal number() {
    int start = position;
    if (peek() == '-') {
      position++;
    }
    if (peek() == '0') {
      position++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("invalid number");
    }
    if (peek() == '.') {
      position++;
      if (!isDigit(peek())) {
        throw error("invalid number: no digit after '.'");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      position++;
      if (peek() == '+' || peek() == '-') {
        position++;
      }
      if (!isDigit(peek())) {
        throw error("invalid number: no digit in the exponent");
      }
      digits();
    }
    return new BigDecimal(text.substring(start, position));
  }

  private void digits() {
    while (isDigit(peek())) {
      position++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, position)) {
      throw error("unexpected character '" + text.charAt(position) + "'");
    }
    position += word.length();
    return value;
  }

  private void expect(char expected) {
    if (peek() != expected) {
      throw error("expected '" + expected + "'");
    }
    position++;
  }

  private char peek() {
    return position < text.length() ? text.charAt(position) : '\0';
  }

  private char next() {
    if (position >= text.length()) {
      throw error("unexpected end of the text");
    }
    return text.charAt(position++);
  }

  private void skipSpace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      position++;
    }
  }

  private JsonSyntaxException error(String message) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(position, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new JsonSyntaxException(
        "invalid JSON at line " + line + ", column " + column + ": " + message);
  }
}
