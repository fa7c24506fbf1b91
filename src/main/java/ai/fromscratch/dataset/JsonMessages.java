package ai.fromscratch.dataset;

import jakarta.json.JsonValue;
import java.util.regex.Pattern;

/** Makes the JSON parser's messages readable next to our own location ("line 3, column 7"). */
final class JsonMessages {
  private static final Pattern LOCATION =
      Pattern.compile("\\s*at \\(line no=\\d+, column no=\\d+, offset=-?\\d+\\)");

  private JsonMessages() {}

  static String withoutLocation(String message) {
    return message == null ? "unreadable JSON" : LOCATION.matcher(message).replaceAll("");
  }

  static String describe(JsonValue value) {
    return switch (value.getValueType()) {
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "true or false";
      case NULL -> "null";
      case OBJECT -> "an object";
    };
  }
}
