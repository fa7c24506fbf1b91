package ai.fromscratch.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generated request bodies and query strings for fuzzing the API's parameters: the call's own
 * parameter names (and some it does not know) with values of every type, out of range, huge,
 * negative, non-finite, deeply nested, or bodies that are not JSON at all. The same seed gives the
 * same requests.
 */
public final class HostileRequests {
  private static final List<String> EXTRA_KEYS =
      List.of("", "__proto__", "constructor", "prompt\u0000", "MESSAGE", "x".repeat(300));
  private static final List<String> NUMBERS =
      List.of(
          "0",
          "-1",
          "1",
          "2",
          "7",
          "0.5",
          "1.0",
          "-0",
          "1e2",
          "1e999999999",
          "-1e999999999",
          "1e-999999999",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "123456789012345678901234567890",
          "2000",
          "2001",
          "1000001",
          "5.000001",
          "0.0000001");
  private static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "the river",
          "what color is the river number 7?",
          "<script>alert(1)</script>",
          "\u0000",
          "\\ud800",
          "\u202e\u2066",
          "\ud83d\ude00 emoji",
          "' OR 1=1 --",
          "../../etc/passwd",
          "%00%0d%0a",
          "NaN",
          "Infinity",
          "true",
          "null");
  private static final List<String> NOT_JSON =
      List.of(
          "",
          "{",
          "}",
          "[1,2",
          "{\"message\": }",
          "{\"message\": \"unterminated",
          "null",
          "42",
          "\"just a string\"",
          "[]",
          "{\"a\":1}{\"b\":2}",
          "{'message': 'single quotes'}",
          "\u00ff\u00fe{",
          "{\"message\": \"x\"} trailing");

  private final Random random;
  private final List<String> keys;

  public HostileRequests(long seed, List<String> keys) {
    this.random = new Random(seed);
    this.keys = keys;
  }

  /** A request body: usually a JSON object of random keys and values, sometimes not JSON. */
  public String body() {
    int kind = random.nextInt(20);
    if (kind == 0) {
      return NOT_JSON.get(random.nextInt(NOT_JSON.size()));
    }
    if (kind == 1) {
      return "[".repeat(1 + random.nextInt(200_000));
    }
    StringBuilder json = new StringBuilder("{");
    int members = random.nextInt(keys.size() + 2);
    for (int i = 0; i < members; i++) {
      json.append(i == 0 ? "" : ",").append(quoted(key())).append(':').append(value(0));
    }
    return json.append('}').toString();
  }

  /** A query string of random parameters, some without a value, some repeated. */
  public String query() {
    StringBuilder query = new StringBuilder();
    int parameters = random.nextInt(keys.size() + 2);
    for (int i = 0; i < parameters; i++) {
      String value =
          random.nextBoolean()
              ? NUMBERS.get(random.nextInt(NUMBERS.size()))
              : STRINGS.get(random.nextInt(STRINGS.size()));
      query
          .append(i == 0 ? "" : "&")
          .append(URLEncoder.encode(key(), StandardCharsets.UTF_8))
          .append(
              random.nextInt(8) == 0 ? "" : "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return query.toString();
  }

  private String key() {
    return random.nextInt(6) == 0
        ? EXTRA_KEYS.get(random.nextInt(EXTRA_KEYS.size()))
        : keys.get(random.nextInt(keys.size()));
  }

  private String value(int depth) {
    return switch (random.nextInt(depth > 3 ? 5 : 8)) {
      case 0, 1 -> NUMBERS.get(random.nextInt(NUMBERS.size()));
      case 2, 3 -> quoted(STRINGS.get(random.nextInt(STRINGS.size())));
      case 4 -> List.of("true", "false", "null").get(random.nextInt(3));
      case 5 -> quoted("long ".repeat(random.nextInt(10_000)));
      case 6 -> "[" + value(depth + 1) + (random.nextBoolean() ? "," + value(depth + 1) : "") + "]";
      default -> "{" + quoted(key()) + ":" + value(depth + 1) + "}";
    };
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
