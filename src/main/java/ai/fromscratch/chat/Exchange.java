package ai.fromscratch.chat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;

/**
 * One question and its answer, with all that shaped the answer: the sources, the sampling options,
 * the model that answered, and how long it took.
 */
@Entity
@Table(
    name = "EXCHANGE",
    indexes = {
      @Index(name = "IDX_EXCHANGE_CONVERSATION", columnList = "CONVERSATION_ID"),
      @Index(name = "IDX_EXCHANGE_CREATED", columnList = "CREATED_AT")
    })
public class Exchange {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "CONVERSATION_ID", nullable = false)
  private long conversationId;

  @Lob
  @Column(nullable = false)
  private String question;

  @Lob
  @Column(nullable = false)
  private String answer;

  /** The sources shown with the answer, as JSON. */
  @Lob
  @Column(nullable = false)
  private String sources;

  /** The sampling options used, as JSON. */
  @Column(nullable = false, length = 1000)
  private String options;

  @Column(name = "MODEL_ID", nullable = false, length = 200)
  private String modelId;

  @Column(name = "STOP_REASON", nullable = false, length = 30)
  private String stopReason;

  @Column(name = "ANSWER_TOKENS", nullable = false)
  private int answerTokens;

  @Column(name = "LATENCY_MS", nullable = false)
  private double latencyMs;

  @Column(name = "RETRIEVAL_MS", nullable = false)
  private double retrievalMs;

  @Column(name = "CREATED_AT", nullable = false)
  private Instant createdAt;

  protected Exchange() {}

  Exchange(
      long conversationId,
      String question,
      String answer,
      String sources,
      String options,
      String modelId,
      String stopReason,
      int answerTokens,
      double latencyMs,
      double retrievalMs) {
    this.conversationId = conversationId;
    this.question = question;
    this.answer = answer;
    this.sources = sources;
    this.options = options;
    this.modelId = modelId;
    this.stopReason = stopReason;
    this.answerTokens = answerTokens;
    this.latencyMs = latencyMs;
    this.retrievalMs = retrievalMs;
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public long getConversationId() {
    return conversationId;
  }

  public String getQuestion() {
    return question;
  }

  public String getAnswer() {
    return answer;
  }

  public String getSources() {
    return sources;
  }

  public String getOptions() {
    return options;
  }

  public JsonArray sourcesJson() {
    return parse(sources).asJsonArray();
  }

  public JsonObject optionsJson() {
    return parse(options).asJsonObject();
  }

  private static JsonValue parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  public String getModelId() {
    return modelId;
  }

  public String getStopReason() {
    return stopReason;
  }

  public int getAnswerTokens() {
    return answerTokens;
  }

  public double getLatencyMs() {
    return latencyMs;
  }

  public double getRetrievalMs() {
    return retrievalMs;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
