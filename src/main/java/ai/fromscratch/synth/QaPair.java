package ai.fromscratch.synth;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Locale;

/** A synthetic question with its answer. */
public record QaPair(String question, String answer) {
  public static final int MAX_QUESTION = 2_000;
  public static final int MAX_ANSWER = 8_000;

  /** The same question written alike (case, spacing and punctuation aside), for de-duplication. */
  public String key() {
    return question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /** The record as the datasets store it. */
  public JsonObject toJson() {
    return Json.createObjectBuilder().add("question", question).add("answer", answer).build();
  }
}
