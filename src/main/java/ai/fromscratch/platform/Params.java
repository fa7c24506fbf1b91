package ai.fromscratch.platform;

/**
 * Reads numeric request parameters with a 400 that names the parameter; JAX-RS's own conversion
 * would answer an unparsable number with 404.
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
}
