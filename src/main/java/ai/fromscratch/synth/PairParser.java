package ai.fromscratch.synth;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds question/answer pairs in what a model wrote: a JSON list, an object holding one, JSON
 * Lines, inside fenced code blocks or around prose. Entries that are not whole pairs are counted as
 * skipped.
 */
public final class PairParser {
  private static final Pattern FENCED =
      Pattern.compile("```[a-zA-Z]*\\s*\\n(.*?)```", Pattern.DOTALL);
  private static final Set<String> QUESTION_KEYS = Set.of("question", "prompt", "instruction", "q");
  private static final Set<String> ANSWER_KEYS =
      Set.of("answer", "response", "output", "completion", "a");
  private static final Set<String> LIST_KEYS = Set.of("pairs", "data", "items", "examples", "qa");

  private PairParser() {}

  /** The pairs found, and how many entries were not usable pairs. */
  public record Parsed(List<QaPair> pairs, int skipped) {}

  public static Parsed parse(String text) {
    List<String> blocks = new ArrayList<>();
    Matcher fenced = FENCED.matcher(text);
    while (fenced.find()) {
      blocks.add(fenced.group(1));
    }
    if (blocks.isEmpty()) {
      blocks.add(text);
    }
    List<QaPair> pairs = new ArrayList<>();
    int[] skipped = {0};
    boolean foundAny = false;
    for (String block : blocks) {
      foundAny |= parseBlock(block.strip(), pairs, skipped);
    }
    if (!foundAny) {
      skipped[0] = Math.max(skipped[0], 1);
    }
    return new Parsed(pairs, skipped[0]);
  }

  /** True when the block held JSON entries at all (good or bad). */
  private static boolean parseBlock(String block, List<QaPair> pairs, int[] skipped) {
    JsonValue whole = read(block);
    if (whole == null) {
      whole = read(around(block, '[', ']'));
    }
    if (whole != null) {
      entries(whole).forEach(entry -> add(entry, pairs, skipped));
      return true;
    }
    boolean found = false;
    for (String line : block.split("\\R")) {
      String candidate = line.strip().replaceFirst(",$", "");
      if (candidate.startsWith("{")) {
        found = true;
        JsonValue value = read(candidate);
        if (value == null) {
          skipped[0]++;
        } else {
          add(value, pairs, skipped);
        }
      }
    }
    if (!found) {
      JsonValue object = read(around(block, '{', '}'));
      if (object != null) {
        entries(object).forEach(entry -> add(entry, pairs, skipped));
        return true;
      }
    }
    return found;
  }

  private static List<JsonValue> entries(JsonValue value) {
    if (value instanceof JsonArray array) {
      return array;
    }
    if (value instanceof JsonObject object) {
      for (String key : LIST_KEYS) {
        if (object.get(key) instanceof JsonArray array) {
          return array;
        }
      }
      return List.of(object);
    }
    return List.of(value);
  }

  private static void add(JsonValue entry, List<QaPair> pairs, int[] skipped) {
    QaPair pair = entry instanceof JsonObject object ? pair(object) : null;
    if (pair == null) {
      skipped[0]++;
    } else {
      pairs.add(pair);
    }
  }

  private static QaPair pair(JsonObject object) {
    String question = field(object, QUESTION_KEYS);
    String answer = field(object, ANSWER_KEYS);
    if (question == null
        || answer == null
        || question.length() > QaPair.MAX_QUESTION
        || answer.length() > QaPair.MAX_ANSWER) {
      return null;
    }
    return new QaPair(question, answer);
  }

  private static String field(JsonObject object, Set<String> names) {
    for (var entry : object.entrySet()) {
      if (names.contains(entry.getKey().toLowerCase(Locale.ROOT))
          && entry.getValue() instanceof JsonString text
          && !text.getString().isBlank()) {
        return text.getString().strip();
      }
    }
    return null;
  }

  private static String around(String text, char open, char close) {
    int start = text.indexOf(open);
    int end = text.lastIndexOf(close);
    return start >= 0 && end > start ? text.substring(start, end + 1) : "";
  }

  /** The one JSON value the text is, or null (not JSON, or more than one value). */
  private static JsonValue read(String json) {
    if (json.isEmpty()) {
      return null;
    }
    try (JsonParser parser = Json.createParser(new StringReader(json))) {
      parser.next();
      JsonValue value = parser.getValue();
      return parser.hasNext() ? null : value;
    } catch (JsonException | IllegalStateException | NoSuchElementException e) {
      return null;
    }
  }
}
