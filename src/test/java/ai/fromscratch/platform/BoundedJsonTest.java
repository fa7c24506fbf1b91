package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BoundedJsonTest {
  @Test
  void readsWhatTheStandardReaderReads() {
    String text =
        "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"hi\"}]},"
            + " {\"role\": \"assistant\", \"content\": \"hello\"}], \"n\": 1.5e3, \"ok\": true,"
            + " \"none\": null, \"empty\": {}, \"list\": [[], [1, [2, [3]]]]}";

    assertEquals(
        Json.createReader(new StringReader(text)).readValue(),
        BoundedJson.read(new StringReader(text)));
    assertEquals(Json.createValue("plain"), BoundedJson.read(new StringReader("\"plain\"")));
  }

  @Test
  void nestingDeeperThanTheLimitIsMalformedNotAStackOverflow() {
    String deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);

    JsonParsingException e =
        assertThrows(JsonParsingException.class, () -> BoundedJson.read(new StringReader(deep)));

    assertTrue(e.getMessage().contains("nested more than 64 levels"), e.getMessage());
    String limit = "[".repeat(BoundedJson.MAX_DEPTH) + "]".repeat(BoundedJson.MAX_DEPTH);
    assertEquals(
        Json.createReader(new StringReader(limit)).readValue(),
        BoundedJson.read(new StringReader(limit)));
  }

  @Test
  void anEmptyDocumentOrContentAfterTheValueIsMalformed() {
    assertThrows(JsonParsingException.class, () -> BoundedJson.read(new StringReader("  ")));
    assertThrows(
        JsonParsingException.class, () -> BoundedJson.read(new StringReader("{\"a\": 1} {}")));
    assertThrows(JsonParsingException.class, () -> BoundedJson.read(new StringReader("[1, 2")));
  }
}
