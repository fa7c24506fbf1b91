package ai.fromscratch.insights;

import ai.fromscratch.platform.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** The periods the analytics can cover. */
public enum TimeRange {
  DAY("24h", "24 hours", Duration.ofHours(24)),
  WEEK("7d", "7 days", Duration.ofDays(7)),
  MONTH("30d", "30 days", Duration.ofDays(30)),
  ALL("all", "All time", null);

  private final String id;
  private final String label;
  private final Duration length;

  TimeRange(String id, String label, Duration length) {
    this.id = id;
    this.label = label;
    this.length = length;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  /** The start of the range ending now. */
  public Instant since() {
    return length == null ? Instant.EPOCH : Instant.now().minus(length);
  }

  /** The range named {@code id} (7d when absent); 400 for an unknown one. */
  public static TimeRange of(String id) {
    if (id == null || id.isBlank()) {
      return WEEK;
    }
    return Arrays.stream(values())
        .filter(range -> range.id.equals(id))
        .findFirst()
        .orElseThrow(() -> ApiException.badRequest("range must be one of 24h, 7d, 30d, all"));
  }
}
