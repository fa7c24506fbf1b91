package ai.fromscratch.training;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** What a tokenizer job produced: its vocabulary and merges, and the text it learned from. */
public record BpeResult(
    int vocabularySize, int merges, long records, long words, long distinctWords, double seconds) {

  /** The result as the job stores it and the API shows it. */
  public JsonObject toJson() {
    return Json.createObjectBuilder()
        .add("vocabulary_size", vocabularySize)
        .add("merges", merges)
        .add("records", records)
        .add("words", words)
        .add("distinct_words", distinctWords)
        .add("seconds", seconds)
        .build();
  }

  /** The result as {@link #toJson} stored it. */
  public static BpeResult of(JsonObject json) {
    return new BpeResult(
        json.getInt("vocabulary_size"),
        json.getInt("merges"),
        json.getJsonNumber("records").longValue(),
        json.getJsonNumber("words").longValue(),
        json.getJsonNumber("distinct_words").longValue(),
        json.getJsonNumber("seconds").doubleValue());
  }
}
