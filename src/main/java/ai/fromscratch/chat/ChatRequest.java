package ai.fromscratch.chat;

import ai.fromscratch.engine.ChatFormat;
import ai.fromscratch.engine.GenerateRequest;
import ai.fromscratch.lm.SamplingOptions;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.JsonParams;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chat message with its options. Retrieval is on unless {@code use_rag} is false. An answer
 * follows its best-supported words (temperature 0) unless a temperature asks for sampling, and may
 * run long enough to copy a whole FAQ answer; the turn markers are never part of it. With {@code
 * alternative_of} (an exchange's id) the answer is another version of that exchange's turn: a
 * regenerated answer, or the answer to an edited question.
 */
public record ChatRequest(
    Long conversationId,
    String message,
    SamplingOptions sampling,
    boolean useRag,
    Long alternativeOf) {
  public static final int MAX_MESSAGE = 4000;
  public static final double DEFAULT_TEMPERATURE = 0;
  public static final int DEFAULT_MAX_TOKENS = 600;

  /**
   * A regenerated answer samples unless told otherwise: at the chat's greedy default it would be
   * the same answer again.
   */
  public static final double REGENERATE_TEMPERATURE = 0.7;

  /** The parameters a chat request may have. */
  public static final Set<String> KNOWN =
      Set.of(
          "conversation_id",
          "message",
          "max_tokens",
          "temperature",
          "top_k",
          "top_p",
          "seed",
          "stop",
          "use_rag",
          "alternative_of");

  private static final Set<String> NUMBERS =
      Set.of(
          "conversation_id",
          "max_tokens",
          "temperature",
          "top_k",
          "top_p",
          "seed",
          "alternative_of");

  public static ChatRequest from(JsonObject json) {
    JsonParams params = new JsonParams(json, KNOWN);
    String message = params.text("message", "", MAX_MESSAGE).strip();
    if (message.isEmpty()) {
      throw ApiException.badRequest("message must not be empty");
    }
    return new ChatRequest(
        params.optionalLong("conversation_id"),
        message,
        sampling(params, DEFAULT_TEMPERATURE),
        params.bool("use_rag", true),
        params.optionalLong("alternative_of"));
  }

  /**
   * A new answer to {@code exchange}'s question, sampled at {@link #REGENERATE_TEMPERATURE} unless
   * {@code options} (sampling options and {@code use_rag}) say otherwise.
   */
  public static ChatRequest regenerate(Exchange exchange, JsonObject options) {
    JsonParams params =
        new JsonParams(
            options,
            Set.of("max_tokens", "temperature", "top_k", "top_p", "seed", "stop", "use_rag"));
    return new ChatRequest(
        exchange.getConversationId(),
        exchange.getQuestion(),
        sampling(params, REGENERATE_TEMPERATURE),
        params.bool("use_rag", true),
        exchange.getId());
  }

  private static SamplingOptions sampling(JsonParams params, double defaultTemperature) {
    return GenerateRequest.sampling(params, defaultTemperature, DEFAULT_MAX_TOKENS)
        .withExcludedTokens(ChatFormat.MARKERS);
  }

  /** The same request from query parameters (the streaming variant is a GET for EventSource). */
  public static ChatRequest fromQuery(Map<String, List<String>> query) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    query.forEach(
        (key, values) -> {
          String value = values.isEmpty() ? "" : values.get(0);
          if (key.equals("stop")) {
            json.add(key, Json.createArrayBuilder(values));
          } else if (key.equals("use_rag")) {
            json.add(key, !value.equalsIgnoreCase("false"));
          } else if (NUMBERS.contains(key) && !value.isBlank()) {
            try {
              json.add(key, new BigDecimal(value.strip()));
            } catch (NumberFormatException e) {
              json.add(key, value);
            }
          } else if (!value.isBlank() || key.equals("message")) {
            json.add(key, value);
          }
        });
    return from(json.build());
  }

  /** This request continuing the given conversation. */
  public ChatRequest in(long conversation) {
    return new ChatRequest(conversation, message, sampling, useRag, alternativeOf);
  }

  /** The options as stored with the exchange. */
  JsonObject optionsJson() {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("max_tokens", sampling.maxTokens())
            .add("temperature", sampling.temperature())
            .add("top_k", sampling.topK())
            .add("top_p", sampling.topP())
            .add("stop", Json.createArrayBuilder(sampling.stopStrings()))
            .add("use_rag", useRag);
    if (sampling.seed() != null) {
      json.add("seed", sampling.seed());
    }
    return json.build();
  }
}
