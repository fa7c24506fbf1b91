package ai.fromscratch.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.engine.ChatFormat;
import ai.fromscratch.platform.ApiException;
import jakarta.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

  @Test
  void theStreamsQueryReadsLikeTheJsonBody() {
    ChatRequest fromQuery =
        ChatRequest.fromQuery(
            Map.of(
                "message", List.of("  hello there "),
                "conversation_id", List.of("12"),
                "temperature", List.of("0.3"),
                "top_k", List.of("4"),
                "stop", List.of(".", "!"),
                "use_rag", List.of("false")));
    ChatRequest fromJson =
        ChatRequest.from(
            Json.createObjectBuilder()
                .add("message", "hello there")
                .add("conversation_id", 12)
                .add("temperature", 0.3)
                .add("top_k", 4)
                .add("stop", Json.createArrayBuilder().add(".").add("!"))
                .add("use_rag", false)
                .build());
    assertEquals(fromJson, fromQuery);
    assertEquals("hello there", fromQuery.message());
    assertFalse(fromQuery.useRag());
  }

  @Test
  void chatSamplesBelowTemperatureOneWithRetrievalAndNeverWritesTurnMarkers() {
    ChatRequest request = ChatRequest.fromQuery(Map.of("message", List.of("hi")));
    assertEquals(ChatRequest.DEFAULT_TEMPERATURE, request.sampling().temperature());
    assertTrue(request.useRag());
    assertEquals(ChatFormat.MARKERS, request.sampling().excludedTokens());
    assertTrue(request.optionsJson().getBoolean("use_rag"));
  }

  @Test
  void badParametersAreNamed() {
    assertEquals(
        "message must not be empty",
        assertThrows(
                ApiException.class, () -> ChatRequest.fromQuery(Map.of("message", List.of(" "))))
            .getMessage());
    assertTrue(
        assertThrows(
                ApiException.class,
                () -> ChatRequest.fromQuery(Map.of("message", List.of("a"), "top_k", List.of("x"))))
            .getMessage()
            .startsWith("top_k"));
    assertTrue(
        assertThrows(
                ApiException.class,
                () -> ChatRequest.fromQuery(Map.of("message", List.of("a"), "mood", List.of("x"))))
            .getMessage()
            .contains("mood"));
  }

  @Test
  void anotherVersionOfATurnNamesAnAnswerOfIt() {
    ChatRequest edited =
        ChatRequest.fromQuery(
            Map.of("message", List.of("hi again"), "alternative_of", List.of("42")));

    assertEquals(42L, edited.alternativeOf());
    assertNull(ChatRequest.fromQuery(Map.of("message", List.of("hi"))).alternativeOf());
    assertThrows(
        ApiException.class,
        () ->
            ChatRequest.fromQuery(Map.of("message", List.of("a"), "alternative_of", List.of("x"))));
  }

  @Test
  void ratingFiltersReadTheirParameters() {
    RatingFilter filter = RatingFilter.of("down", "2026-11-24", "true");
    assertEquals(-1, filter.value());
    assertEquals(Instant.parse("2026-11-24T00:00:00Z"), filter.since());
    assertTrue(filter.withComment());
    assertEquals(RatingFilter.ALL, RatingFilter.of(null, "", null));
    assertEquals(RatingFilter.ALL, RatingFilter.of("all", null, "false"));
    assertThrows(ApiException.class, () -> RatingFilter.of("meh", null, null));
    assertThrows(ApiException.class, () -> RatingFilter.of(null, "24/11/2026", null));
    assertThrows(ApiException.class, () -> RatingFilter.of(null, null, "yes"));
  }
}
