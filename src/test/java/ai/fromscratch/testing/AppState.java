package ai.fromscratch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * What a user has stored, read through the API: datasets, conversations with their exchanges,
 * ratings, the answering model (and its perplexity of a probe text) and the tokenizer. Two
 * snapshots compare equal when nothing the user kept was lost or changed.
 */
public record AppState(
    String datasets,
    String conversations,
    String ratings,
    String model,
    double perplexity,
    String tokens,
    long maxConversationId) {
  public void assertSameAs(AppState other, String when) {
    sameText("datasets", datasets, other.datasets, when);
    sameText("conversations", conversations, other.conversations, when);
    sameText("ratings", ratings, other.ratings, when);
    sameText("tokenizer", tokens, other.tokens, when);
    assertEquals(model, other.model, when + ": the model");
    assertEquals(perplexity, other.perplexity, 0.0, when + ": the perplexity of the test text");
  }

  /** Fails with the place the texts part, not the whole texts (they are long). */
  private static void sameText(String what, String expected, String actual, String when) {
    if (expected.equals(actual)) {
      return;
    }
    int at = 0;
    while (at < Math.min(expected.length(), actual.length())
        && expected.charAt(at) == actual.charAt(at)) {
      at++;
    }
    fail(
        when
            + ": the "
            + what
            + " differ at character "
            + at
            + ": expected ..."
            + around(expected, at)
            + "... but was ..."
            + around(actual, at)
            + "...");
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
  }

  public static AppState of(Api api, String probeText) {
    List<JsonObject> conversations =
        Http.get(api.url("/api/conversations?limit=500")).jsonArray().stream()
            .map(JsonValue::asJsonObject)
            .toList();
    StringBuilder threads = new StringBuilder();
    for (JsonObject conversation : conversations) {
      threads.append(
          Http.get(api.url("/api/conversations/" + conversation.getJsonNumber("id"))).body());
    }
    return new AppState(
        Http.get(api.url("/api/datasets")).body(),
        threads.toString(),
        Http.get(api.url("/api/ratings?limit=1000")).body(),
        Http.get(api.url("/api/model")).json().getString("id"),
        Http.postJson(api.url("/api/model/perplexity"), "{\"text\": \"" + probeText + "\"}")
            .json()
            .getJsonNumber("perplexity")
            .doubleValue(),
        Http.postJson(api.url("/api/tokenizer/encode"), "{\"text\": \"" + probeText + "\"}").body(),
        conversations.stream().mapToLong(c -> c.getJsonNumber("id").longValue()).max().orElse(0));
  }
}
