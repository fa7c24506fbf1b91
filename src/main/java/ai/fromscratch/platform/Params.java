package ai.fromscratch.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Reads numeric and yes/no request parameters with a 400 that names the parameter; JAX-RS's own
 * conversion would answer an unparsable number with 404.
 */
public final class Params {
  private Params() {}

  public static int intParam(String name, String value, int defaultValue, int min, int max) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
  }

  /** {@code true} or {@code false} (any case); the default when absent. */
  public static boolean boolParam(String name, String value, boolean defaultValue) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.badRequest(name + " must be true or false");
    };
  }

  /** Comma-separated positive ids ({@code 3,5,8}); empty when absent. */
  public static List<Long> ids(String name, String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    for (String part : value.split(",")) {
      try {
        long id = Long.parseLong(part.strip());
        if (id > 0) {
          ids.add(id);
          continue;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw ApiException.badRequest(name + " must be positive ids separated by commas");
    }
    return List.copyOf(new LinkedHashSet<>(ids));
  }
}
