package ai.fromscratch.chat;

import ai.fromscratch.platform.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Which ratings to show or export.
 *
 * @param value +1 for thumbs up only, -1 for thumbs down only, 0 for both
 * @param since only ratings given since then
 * @param withComment only ratings with a comment
 */
public record RatingFilter(int value, Instant since, boolean withComment) {
  public static final RatingFilter ALL = new RatingFilter(0, Instant.EPOCH, false);

  /**
   * The filter the API's query parameters describe: {@code rating} up, down or all, {@code since} a
   * day (ISO {@code 2026-11-24}, UTC), {@code with_comment} true or false; 400 on anything else.
   */
  public static RatingFilter of(String rating, String since, String withComment) {
    return new RatingFilter(value(rating), day(since), flag(withComment));
  }

  /** +1, -1 or 0 for {@code up}, {@code down} and {@code all} (or nothing). */
  public static int value(String rating) {
    if (rating == null || rating.isBlank() || rating.equals("all")) {
      return 0;
    }
    return switch (rating) {
      case "up" -> 1;
      case "down" -> -1;
      default -> throw ApiException.badRequest("rating must be up, down or all");
    };
  }

  private static Instant day(String since) {
    if (since == null || since.isBlank()) {
      return Instant.EPOCH;
    }
    try {
      return LocalDate.parse(since.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("since must be a date like 2026-11-24");
    }
  }

  private static boolean flag(String value) {
    if (value == null || value.isBlank() || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw ApiException.badRequest("with_comment must be true or false");
  }
}
