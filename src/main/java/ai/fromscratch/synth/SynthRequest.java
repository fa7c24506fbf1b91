package ai.fromscratch.synth;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.JsonParams;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What to synthesize: a topic or instructions, how many pairs, the temperature, pairs asked for per
 * call, and optional example pairs showing the style wanted.
 */
public record SynthRequest(
    String topic, int count, double temperature, int batchSize, List<QaPair> examples) {
  public static final int MAX_TOPIC = 2_000;
  public static final int MAX_COUNT = 2_000;
  public static final int MAX_EXAMPLES = 20;
  private static final Set<String> KNOWN =
      Set.of("topic", "count", "temperature", "batch_size", "examples");

  public static SynthRequest from(JsonObject json) {
    JsonParams params = new JsonParams(json, KNOWN);
    String topic = params.text("topic", "", MAX_TOPIC).strip();
    if (topic.isEmpty()) {
      throw ApiException.badRequest("topic must not be empty: say what the pairs are about");
    }
    return new SynthRequest(
        topic,
        params.integer("count", 50, 1, MAX_COUNT),
        params.decimal("temperature", 0.7, 0.0, 2.0),
        params.integer("batch_size", 10, 1, 50),
        examples(json.get("examples")));
  }

  private static List<QaPair> examples(JsonValue value) {
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw ApiException.badRequest("examples must be a list of {\"question\", \"answer\"}");
    }
    List<QaPair> examples = new ArrayList<>();
    PairParser.Parsed parsed = PairParser.parse(value.toString());
    if (parsed.skipped() > 0) {
      throw ApiException.badRequest(
          "examples must be a list of {\"question\", \"answer\"} with both texts filled in");
    }
    examples.addAll(parsed.pairs());
    if (examples.size() > MAX_EXAMPLES) {
      throw ApiException.badRequest("examples takes at most " + MAX_EXAMPLES + " pairs");
    }
    return List.copyOf(examples);
  }

  String examplesJson() {
    JsonArrayBuilder array = Json.createArrayBuilder();
    examples.forEach(pair -> array.add(pair.toJson()));
    return array.build().toString();
  }
}
