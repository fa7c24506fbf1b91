package ai.fromscratch.training;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.List;

/**
 * What an n-gram job produced: the model file, its n-grams per order, its size, the corpus, how the
 * estimation ran, and the held-out perplexity ({@code heldout} null when none was kept out).
 */
public record NgramResult(
    String modelFile,
    List<Long> ngrams,
    int vocabularySize,
    long memoryBytes,
    long sentences,
    long tokens,
    double estimateSeconds,
    boolean estimatedInMemory,
    long estimateMemoryMb,
    Heldout heldout) {

  /** The model's perplexity on the records kept out of training. */
  public record Heldout(double perplexity, double perplexityExcludingOov, long tokens, long oovs) {}

  public NgramResult {
    ngrams = List.copyOf(ngrams);
  }

  /** The result as the job stores it and the API shows it. */
  public JsonObject toJson() {
    JsonArrayBuilder counts = Json.createArrayBuilder();
    ngrams.forEach(counts::add);
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("model_file", modelFile)
            .add("ngrams", counts)
            .add("vocabulary_size", vocabularySize)
            .add("memory_bytes", memoryBytes)
            .add("sentences", sentences)
            .add("tokens", tokens)
            .add("estimate_seconds", estimateSeconds)
            .add("estimated_in_memory", estimatedInMemory)
            .add("estimate_memory_mb", estimateMemoryMb);
    if (heldout != null) {
      json.add("heldout_perplexity", heldout.perplexity())
          .add("heldout_perplexity_excluding_oov", heldout.perplexityExcludingOov())
          .add("heldout_tokens", heldout.tokens())
          .add("heldout_oovs", heldout.oovs());
    }
    return json.build();
  }

  /** The result as {@link #toJson} stored it. */
  public static NgramResult of(JsonObject json) {
    return new NgramResult(
        json.getString("model_file"),
        json.getJsonArray("ngrams").getValuesAs(JsonNumber.class).stream()
            .map(JsonNumber::longValue)
            .toList(),
        json.getInt("vocabulary_size"),
        json.getJsonNumber("memory_bytes").longValue(),
        json.getJsonNumber("sentences").longValue(),
        json.getJsonNumber("tokens").longValue(),
        json.getJsonNumber("estimate_seconds").doubleValue(),
        json.getBoolean("estimated_in_memory"),
        json.getJsonNumber("estimate_memory_mb").longValue(),
        json.containsKey("heldout_perplexity")
            ? new Heldout(
                json.getJsonNumber("heldout_perplexity").doubleValue(),
                json.getJsonNumber("heldout_perplexity_excluding_oov").doubleValue(),
                json.getJsonNumber("heldout_tokens").longValue(),
                json.getJsonNumber("heldout_oovs").longValue())
            : null);
  }

  /** The result a job stored, from its text. */
  public static NgramResult of(String stored) {
    try (var reader = Json.createReader(new StringReader(stored))) {
      return of(reader.readObject());
    }
  }
}
