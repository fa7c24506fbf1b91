package ai.fromscratch.chat;

import ai.fromscratch.engine.Attribution;
import ai.fromscratch.retrieval.RetrievedPassage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** The chat's records as the API and the pages show them. */
public final class ChatJson {
  private ChatJson() {}

  /** A conversation in a list. */
  public record ConversationSummary(
      long id,
      String title,
      long exchanges,
      @JsonbProperty("created_at") Instant createdAt,
      @JsonbProperty("updated_at") Instant updatedAt)
      implements Serializable {}

  /** A conversation with its exchanges, oldest first. */
  public record ConversationJson(
      long id,
      String title,
      @JsonbProperty("created_at") Instant createdAt,
      List<ExchangeJson> exchanges) {}

  /** A rating of an answer. */
  public record RatingJson(
      @JsonbProperty("exchange_id") long exchangeId,
      String rating,
      String comment,
      @JsonbProperty("created_at") Instant createdAt) {

    static RatingJson of(Rating rating) {
      return new RatingJson(
          rating.getExchangeId(),
          rating.getValue() > 0 ? "up" : "down",
          rating.getComment(),
          rating.getCreatedAt());
    }
  }

  /** One question and its answer, with what shaped the answer and how it was rated. */
  public record ExchangeJson(
      long id,
      @JsonbProperty("conversation_id") long conversationId,
      @JsonbProperty("alternative_of") Long alternativeOf,
      String question,
      String answer,
      JsonArray sources,
      @JsonbProperty("also_retrieved") JsonArray alsoRetrieved,
      JsonArray attributions,
      JsonObject options,
      String model,
      @JsonbProperty("stop_reason") String stopReason,
      int tokens,
      @JsonbProperty("latency_ms") double latencyMs,
      @JsonbProperty("retrieval_ms") double retrievalMs,
      @JsonbProperty("created_at") Instant createdAt,
      RatingJson rating) {

    static ExchangeJson of(Exchange exchange, Rating rating) {
      return new ExchangeJson(
          exchange.getId(),
          exchange.getConversationId(),
          exchange.getAlternativeOf(),
          exchange.getQuestion(),
          exchange.getAnswer(),
          exchange.sourcesJson(),
          exchange.alsoRetrievedJson(),
          exchange.attributionsJson(),
          exchange.optionsJson(),
          exchange.getModelId(),
          exchange.getStopReason(),
          exchange.getAnswerTokens(),
          exchange.getLatencyMs(),
          exchange.getRetrievalMs(),
          exchange.getCreatedAt(),
          rating == null ? null : RatingJson.of(rating));
    }
  }

  /** A rated answer as the Admin page lists it. */
  public record RatedAnswer(
      @JsonbProperty("exchange_id") long exchangeId,
      @JsonbProperty("conversation_id") long conversationId,
      @JsonbProperty("conversation_title") String conversationTitle,
      String question,
      String answer,
      String rating,
      String comment,
      @JsonbProperty("created_at") Instant createdAt)
      implements Serializable {

    static RatedAnswer of(ChatStore.RatedExchange rated) {
      RatingJson rating = RatingJson.of(rated.rating());
      return new RatedAnswer(
          rated.exchange().getId(),
          rated.conversation().getId(),
          rated.conversation().getTitle(),
          rated.exchange().getQuestion(),
          rated.exchange().getAnswer(),
          rating.rating(),
          rating.comment(),
          rating.createdAt());
    }
  }

  /** The answer to a chat message; without ids when chat history is off. */
  public record ChatAnswer(
      @JsonbProperty("conversation_id") Long conversationId,
      @JsonbProperty("exchange_id") Long exchangeId,
      @JsonbProperty("alternative_of") Long alternativeOf,
      String answer,
      List<RetrievedPassage> sources,
      @JsonbProperty("also_retrieved") List<RetrievedPassage> alsoRetrieved,
      List<Attribution> attributions,
      String model,
      @JsonbProperty("stop_reason") String stopReason,
      int tokens,
      @JsonbProperty("latency_ms") double latencyMs,
      @JsonbProperty("retrieval_ms") double retrievalMs) {}
}
