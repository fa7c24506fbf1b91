package ai.fromscratch.dataset;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The record shapes people train chat models with, each reduced to an ordered list of turns (or one
 * plain text). Detection is per record, so a file may mix schemas.
 */
public enum RecordSchema {
  /**
   * {@code {"prompt", "response"}}, also {@code completion} and {@code question}/{@code answer}.
   */
  PROMPT_RESPONSE("prompt_response"),
  /** Alpaca: {@code {"instruction", "input", "output"}}. */
  ALPACA("alpaca"),
  /** OpenAI chat: {@code {"messages": [{"role", "content"}]}}. */
  OPENAI_CHAT("openai_chat"),
  /** ShareGPT: {@code {"conversations": [{"from", "value"}]}}. */
  SHAREGPT("sharegpt"),
  /** Plain text: {@code {"text"}}. */
  TEXT("text");

  private static final Map<String, String> OPENAI_ROLES =
      Map.of(
          "user", Turn.USER,
          "assistant", Turn.ASSISTANT,
          "system", Turn.SYSTEM,
          "developer", Turn.SYSTEM);
  private static final Map<String, String> SHAREGPT_ROLES =
      Map.of(
          "human", Turn.USER,
          "user", Turn.USER,
          "gpt", Turn.ASSISTANT,
          "assistant", Turn.ASSISTANT,
          "chatgpt", Turn.ASSISTANT,
          "system", Turn.SYSTEM);

  private final String id;

  RecordSchema(String id) {
    this.id = id;
  }

  /** The name used in the API and the database. */
  public String id() {
    return id;
  }

  /** A record reduced to its turns. */
  public record Normalized(RecordSchema schema, List<Turn> turns) {}

  /**
   * Detects the record's schema and reduces it to turns.
   *
   * @throws RecordRejectedException naming what is missing or wrong
   */
  public static Normalized normalize(JsonObject record) throws RecordRejectedException {
    if (record.containsKey("messages")) {
      return new Normalized(OPENAI_CHAT, messages(record));
    }
    if (record.containsKey("conversations")) {
      return new Normalized(SHAREGPT, conversations(record));
    }
    if (record.containsKey("instruction") && record.containsKey("output")) {
      String input = optionalText(record, "input");
      String instruction = text(record, "instruction");
      String prompt = input.isBlank() ? instruction : instruction + "\n\n" + input;
      return new Normalized(ALPACA, pair(prompt, text(record, "output")));
    }
    if (record.containsKey("prompt")) {
      String answerKey = record.containsKey("response") ? "response" : "completion";
      if (record.containsKey(answerKey)) {
        return new Normalized(
            PROMPT_RESPONSE, pair(text(record, "prompt"), text(record, answerKey)));
      }
    }
    if (record.containsKey("question") && record.containsKey("answer")) {
      return new Normalized(
          PROMPT_RESPONSE, pair(text(record, "question"), text(record, "answer")));
    }
    if (record.containsKey("text")) {
      return new Normalized(TEXT, List.of(new Turn(Turn.TEXT, text(record, "text"))));
    }
    throw new RecordRejectedException(
        "no known schema (keys found: "
            + (record.isEmpty() ? "none" : String.join(", ", new TreeSet<>(record.keySet())))
            + "); expected prompt/response, question/answer, instruction/output, messages,"
            + " conversations or text");
  }

  private static List<Turn> pair(String prompt, String answer) {
    return List.of(new Turn(Turn.USER, prompt), new Turn(Turn.ASSISTANT, answer));
  }

  private static List<Turn> messages(JsonObject record) throws RecordRejectedException {
    JsonArray messages = array(record, "messages");
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonObject message = element(messages, i, "messages");
      String role = text(message, "role", "messages[" + i + "].role");
      if (role.equals("tool") || role.equals("function")) {
        continue; // tool output is not conversation text
      }
      String mapped = OPENAI_ROLES.get(role);
      if (mapped == null) {
        throw new RecordRejectedException(
            "messages[" + i + "] has the unknown role '" + role + "'");
      }
      String content = content(message.get("content"), "messages[" + i + "].content");
      if (content != null && !content.isBlank()) {
        turns.add(new Turn(mapped, content));
      }
    }
    return conversation(turns, "messages");
  }

  private static List<Turn> conversations(JsonObject record) throws RecordRejectedException {
    JsonArray conversations = array(record, "conversations");
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < conversations.size(); i++) {
      JsonObject turn = element(conversations, i, "conversations");
      String from = text(turn, "from", "conversations[" + i + "].from");
      String mapped = SHAREGPT_ROLES.get(from.toLowerCase(java.util.Locale.ROOT));
      if (mapped == null) {
        throw new RecordRejectedException(
            "conversations[" + i + "] is from the unknown speaker '" + from + "'");
      }
      turns.add(new Turn(mapped, text(turn, "value", "conversations[" + i + "].value")));
    }
    return conversation(turns, "conversations");
  }

  private static List<Turn> conversation(List<Turn> turns, String key)
      throws RecordRejectedException {
    boolean spoken =
        turns.stream().anyMatch(t -> t.role().equals(Turn.USER) || t.role().equals(Turn.ASSISTANT));
    if (!spoken) {
      throw new RecordRejectedException("empty text: " + key + " has no user or assistant turn");
    }
    return List.copyOf(turns);
  }

  /** A message content: a string, or a list of parts whose text parts are joined. */
  private static String content(JsonValue value, String field) throws RecordRejectedException {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString string) {
      return string.getString();
    }
    if (value instanceof JsonArray parts) {
      StringBuilder text = new StringBuilder();
      for (JsonValue part : parts) {
        if (part instanceof JsonObject object && object.get("text") instanceof JsonString piece) {
          text.append(text.isEmpty() ? "" : "\n").append(piece.getString());
        }
      }
      return text.toString();
    }
    throw new RecordRejectedException(field + " must be text or a list of text parts");
  }

  private static JsonArray array(JsonObject record, String key) throws RecordRejectedException {
    if (record.get(key) instanceof JsonArray array) {
      return array;
    }
    throw new RecordRejectedException(key + " must be a list");
  }

  private static JsonObject element(JsonArray array, int index, String key)
      throws RecordRejectedException {
    if (array.get(index) instanceof JsonObject object) {
      return object;
    }
    throw new RecordRejectedException(key + "[" + index + "] must be an object");
  }

  private static String text(JsonObject record, String key) throws RecordRejectedException {
    return text(record, key, key);
  }

  private static String text(JsonObject record, String key, String field)
      throws RecordRejectedException {
    JsonValue value = record.get(key);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      throw new RecordRejectedException("missing " + field);
    }
    if (!(value instanceof JsonString string)) {
      throw new RecordRejectedException(field + " must be text");
    }
    if (string.getString().isBlank()) {
      throw new RecordRejectedException("empty text in " + field);
    }
    return string.getString();
  }

  private static String optionalText(JsonObject record, String key) throws RecordRejectedException {
    JsonValue value = record.get(key);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return "";
    }
    if (!(value instanceof JsonString string)) {
      throw new RecordRejectedException(key + " must be text");
    }
    return string.getString();
  }
}
