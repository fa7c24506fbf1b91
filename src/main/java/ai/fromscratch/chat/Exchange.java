package ai.fromscratch.chat;

import ai.fromscratch.engine.GenerationResult;
import ai.fromscratch.platform.ParentRow;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
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
@ParentRow(column = "CONVERSATION_ID", table = "CONVERSATION")
public class Exchange {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "CONVERSATION_ID", nullable = false)
  private long conversationId;

  /**
   * The first exchange of the turn this one is another version of (a regenerated answer, or an
   * edited question's); null for a turn's first exchange.
   */
  @Column(name = "ALTERNATIVE_OF")
  private Long alternativeOf;

  @Lob
  @Column(nullable = false)
  private String question;

  @Lob
  @Column(nullable = false)
  private String answer;

  /** The sources the answer used, in the order it used them, as JSON. */
  @Lob
  @Column(nullable = false)
  private String sources;

  /**
   * The other passages retrieval found, as JSON (a declined answer's suggestions); null in
   * exchanges kept before answers told them apart.
   */
  @Lob
  @Column(name = "ALSO_RETRIEVED")
  private String alsoRetrieved;

  /** Where each copied stretch of the answer came from, as JSON; null in older exchanges. */
  @Lob private String attributions;

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

  /** JSON-B for the answer's parts, made on first use: the entity class loads without it. */
  private static final class Binding {
    static final Jsonb JSONB = JsonbBuilder.create();
  }

  protected Exchange() {}

  Exchange(
      long conversationId,
      Long alternativeOf,
      String question,
      String options,
      GenerationResult result) {
    this.conversationId = conversationId;
    this.alternativeOf = alternativeOf;
    this.question = question;
    this.answer = result.text();
    this.sources = Binding.JSONB.toJson(result.sources());
    this.alsoRetrieved = Binding.JSONB.toJson(result.alsoRetrieved());
    this.attributions = Binding.JSONB.toJson(result.attributions());
    this.options = options;
    this.modelId = result.model();
    this.stopReason = result.stopReason();
    this.answerTokens = result.tokens();
    this.latencyMs = result.elapsedMs();
    this.retrievalMs = result.retrievalMs();
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public long getConversationId() {
    return conversationId;
  }

  public Long getAlternativeOf() {
    return alternativeOf;
  }

  /** The id of the turn this exchange answers: its own, or the first version's. */
  public long turn() {
    return alternativeOf == null ? id : alternativeOf;
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

  public JsonArray alsoRetrievedJson() {
    return alsoRetrieved == null ? JsonValue.EMPTY_JSON_ARRAY : parse(alsoRetrieved).asJsonArray();
  }

  public JsonArray attributionsJson() {
    return attributions == null ? JsonValue.EMPTY_JSON_ARRAY : parse(attributions).asJsonArray();
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
