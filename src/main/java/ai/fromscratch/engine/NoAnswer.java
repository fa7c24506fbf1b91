package ai.fromscratch.engine;

import ai.fromscratch.retrieval.RecordHit;
import java.util.List;

/**
 * When a chat answer says it does not know: no record was found, the best one fits the question
 * less than {@code minSimilarity} (ANSWER_MIN_SIMILARITY), or the question is a follow-up and the
 * best record holds less than {@code minWordsHeld} of its own words (FOLLOW_UP_MIN_WORDS_HELD). The
 * answer is then {@code text} (NO_ANSWER_TEXT) and the records found are only suggestions; the
 * model never runs free on a question the data does not support.
 *
 * <p>A follow-up's fit counts the question before it, so any record of the earlier topic fits it
 * well: "and how do I upload it to Dropbox?" after a question about copying files fits the section
 * on copying files. What tells it apart is its own words, which that record does not hold.
 */
public record NoAnswer(String text, double minSimilarity, double minWordsHeld) {
  /** The stop reason of a declined answer, as the API shows it. */
  public static final String STOP_REASON = "no_answer";

  boolean declines(List<RecordHit> records) {
    return records.isEmpty()
        || records.get(0).fit() < minSimilarity
        || records.get(0).wordsHeld() < minWordsHeld;
  }
}
