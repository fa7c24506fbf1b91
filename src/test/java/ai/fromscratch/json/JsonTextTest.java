package ai.fromscratch.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void stringsDecodeEscapesAndSurrogatePairsAndQuotingWritesAscii() {
    Object value =
        JsonText.parse("[\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\", -1.5e2, true, null]");

    assertEquals(List.of("a\"b\\c/d\né😀", new BigDecimal("-1.5e2"), true, JsonText.NULL), value);
    StringBuilder quoted = new StringBuilder();
    JsonText.quote("a\"b\\c\nd\u0001é😀", quoted);
    assertEquals("\"a\\\"b\\\\c\\nd\\u0001\\u00e9\\ud83d\\ude00\"", quoted.toString());
    assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(quoted));
  }

  @Test
  void objectsKeepTheirKeysInFileOrder() {
    Map<?, ?> object = (Map<?, ?>) JsonText.parse("{\"b\": 1, \"a\": {\"c\": []}}");

    assertEquals(List.of("b", "a"), List.copyOf(object.keySet()));
  }

  @Test
  void errorsNameTheirLineAndColumn() {
    assertEquals(
        "invalid JSON at line 2, column 3: expected ',' or '}'",
        assertThrows(JsonSyntaxException.class, () -> JsonText.parse("{\"a\": 1\n  \"b\": 2}"))
            .getMessage());
    assertTrue(
        assertThrows(JsonSyntaxException.class, () -> JsonText.parse("{\"a\": 1, \"a\": 2}"))
            .getMessage()
            .contains("duplicate key"));
    assertTrue(
        assertThrows(JsonSyntaxException.class, () -> JsonText.parse("[".repeat(100)))
            .getMessage()
            .contains("nested deeper"));
    assertTrue(
        assertThrows(JsonSyntaxException.class, () -> JsonText.parse("[1] x"))
            .getMessage()
            .contains("after the JSON value"));
  }
}
