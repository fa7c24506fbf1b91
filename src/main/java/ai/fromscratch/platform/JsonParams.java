package ai.fromscratch.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Reads request parameters from a JSON object, answering 400 with the parameter's name. */
public final class JsonParams {
  private final JsonObject json;

  /**
   * @throws ApiException 400 naming any key that is not one of {@code known}
   */
  public JsonParams(JsonObject json, Set<String> known) {
    if (json == null) {
      throw ApiException.badRequest("The request needs a JSON object as its body");
    }
    this.json = json;
    for (String key : json.keySet()) {
      if (!known.contains(key)) {
        throw ApiException.badRequest(
            "Unknown parameter "
                + key
                + "; known: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  public int integer(String name, int defaultValue, int min, int max) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return defaultValue;
    }
    OptionalLong n = wholeWithin(value, min, max);
    if (n.isPresent()) {
      return (int) n.getAsLong();
    }
    throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
  }

  public double decimal(String name, double defaultValue, double min, double max) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return defaultValue;
    }
    if (value instanceof JsonNumber number
        && number.doubleValue() >= min
        && number.doubleValue() <= max) {
      return number.doubleValue();
    }
    throw ApiException.badRequest(name + " must be a number from " + min + " to " + max);
  }

  public boolean bool(String name, boolean defaultValue) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return defaultValue;
    }
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    throw ApiException.badRequest(name + " must be true or false");
  }

  /** A list of whole numbers, or null when absent. */
  public List<Long> longs(String name, long min) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    List<Long> numbers = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (JsonValue element : array) {
        numbers.add(
            wholeWithin(element, min, Long.MAX_VALUE)
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            name + " must be a list of whole numbers from " + min)));
      }
      return numbers;
    }
    throw ApiException.badRequest(name + " must be a list of whole numbers from " + min);
  }

  /** A list of non-blank strings, or null when absent. */
  public List<String> strings(String name) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value instanceof JsonArray array
        && array.stream().allMatch(e -> e instanceof JsonString s && !s.getString().isBlank())) {
      return array.stream().map(e -> ((JsonString) e).getString()).toList();
    }
    throw ApiException.badRequest(name + " must be a list of non-empty strings");
  }

  /** A string, or {@code defaultValue} when absent; at most {@code maxLength} characters. */
  public String text(String name, String defaultValue, int maxLength) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return defaultValue;
    }
    if (value instanceof JsonString string && string.getString().length() <= maxLength) {
      return string.getString();
    }
    throw ApiException.badRequest(name + " must be text of at most " + maxLength + " characters");
  }

  /** A whole number, or null when absent. */
  public Long optionalLong(String name) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    OptionalLong n = wholeWithin(value, Long.MIN_VALUE, Long.MAX_VALUE);
    if (n.isPresent()) {
      return n.getAsLong();
    }
    throw ApiException.badRequest(name + " must be a whole number");
  }

  /** One string or a list of them (empty when absent). */
  public List<String> stringOrStrings(String name) {
    JsonValue value = json.get(name);
    if (value instanceof JsonString string && !string.getString().isEmpty()) {
      return List.of(string.getString());
    }
    List<String> strings = strings(name);
    return strings == null ? List.of() : strings;
  }

  /**
   * The value as a long if it is a whole number from {@code min} to {@code max}. The bounds are
   * checked before any conversion: turning 1e999999999 into a long would first write out its
   * billion digits.
   */
  private static OptionalLong wholeWithin(JsonValue value, long min, long max) {
    if (value instanceof JsonNumber number && number.isIntegral()) {
      BigDecimal n = number.bigDecimalValue();
      if (n.compareTo(BigDecimal.valueOf(min)) >= 0 && n.compareTo(BigDecimal.valueOf(max)) <= 0) {
        return OptionalLong.of(n.longValue());
      }
    }
    return OptionalLong.empty();
  }
}
