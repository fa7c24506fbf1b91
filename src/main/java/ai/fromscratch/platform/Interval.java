package ai.fromscratch.platform;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads the short interval notation of settings such as BACKUP_SCHEDULE: {@code 30m}, {@code 6h},
 * {@code 1d}.
 */
public final class Interval {
  private Interval() {}

  /** Returns the interval, or null when the text is not one of at least a minute. */
  public static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.length() < 2) {
      return null;
    }
    long amount;
    try {
      amount = Long.parseLong(value.substring(0, value.length() - 1));
    } catch (NumberFormatException e) {
      return null;
    }
    Duration duration =
        switch (value.charAt(value.length() - 1)) {
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          case 'd' -> Duration.ofDays(amount);
          default -> null;
        };
    return duration == null || duration.toMinutes() < 1 ? null : duration;
  }
}
