package ai.fromscratch.engine;

import ai.fromscratch.retrieval.RecordHit;
import java.util.List;

/**
 * When a chat answer says it does not know: no record was found, or the best one fits the question
 * less than {@code minSimilarity} (ANSWER_MIN_SIMILARITY). The answer is then {@code text}
 * (NO_ANSWER_TEXT) and the records found are only suggestions; the model never runs free on a
 * question the data does not support.
 */
public record NoAnswer(String text, double minSimilarity) {
  /** The stop reason of a declined answer, as the API shows it. */
  public static final String STOP_REASON = "no_answer";

  boolean declines(List<RecordHit> records) {
    return records.isEmpty() || records.get(0).fit() < minSimilarity;
  }
}
