package ai.fromscratch.insights;

import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.util.List;

/** The figures of the Analytics page, for one time range. */
public record AnalyticsReport(
    String range,
    Summary summary,
    @JsonbProperty("messages_per_day") List<Count> messagesPerDay,
    @JsonbProperty("latency_histogram") List<Count> latencyHistogram,
    @JsonbProperty("answer_length_histogram") List<Count> answerLengthHistogram,
    @JsonbProperty("ratings_per_day") List<RatingCount> ratingsPerDay,
    @JsonbProperty("top_queries") List<TopQuery> topQueries)
    implements Serializable {

  /** The summary cards. {@code averageRating} is from -1 (all down) to 1 (all up), null unrated. */
  public record Summary(
      long messages,
      long conversations,
      long ratings,
      @JsonbProperty("average_rating") Double averageRating,
      @JsonbProperty("latency_p50_ms") Double latencyP50Ms,
      @JsonbProperty("latency_p95_ms") Double latencyP95Ms)
      implements Serializable {}

  /** A label (a day, a bucket) and how many fell there. */
  public record Count(String label, long count) implements Serializable {}

  /** Thumbs up and down given on a day. */
  public record RatingCount(String day, long up, long down) implements Serializable {}

  /** A question asked often (written alike), with its average rating when rated. */
  public record TopQuery(
      String query, long count, @JsonbProperty("average_rating") Double averageRating)
      implements Serializable {}
}
