package ai.fromscratch.retrieval;

import java.util.Objects;
import java.util.Optional;

/**
 * What a search looks for: the words its keyword searches read and the unit vector its
 * nearest-neighbour search reads. A follow-up's query also carries the question before it, so that
 * "and back again?" finds what the conversation is about.
 *
 * @param ownText the latest question alone (the follow-up's own words; the text of a question asked
 *     alone)
 */
public record Query(String text, float[] vector, String ownText) {
  /**
   * The earlier question's weight in a follow-up's vector, against 1 for the follow-up itself. On
   * the development follow-ups of Python's FAQ (12 conversations), 0.3 and 0.5 put the right
   * section first for 9, 0.7 for 6, the follow-up alone for 8, and both questions embedded as one
   * text for 5: the follow-up's own words must lead, the earlier ones only steer.
   */
  public static final double EARLIER_WEIGHT = 0.5;

  /** A question on its own. */
  public static Query of(SentenceEmbedder embedder, String text) {
    return new Query(text, embedder.embed(text), text);
  }

  /** Whether the query also reads a question before its own. */
  boolean followsUp() {
    return !Objects.equals(text, ownText);
  }

  /**
   * A question after {@code earlier} (the conversation's previous question, if any): the keyword
   * searches read both questions' words, and the vector is the follow-up's plus the earlier one's
   * at {@link #EARLIER_WEIGHT}, made unit length again.
   */
  public static Query followUp(SentenceEmbedder embedder, String text, Optional<String> earlier) {
    if (earlier.isEmpty() || earlier.get().isBlank()) {
      return of(embedder, text);
    }
    float[] own = embedder.embed(text);
    float[] before = embedder.embed(earlier.get());
    float[] mixed = new float[own.length];
    double norm = 0;
    for (int i = 0; i < own.length; i++) {
      mixed[i] = (float) (own[i] + EARLIER_WEIGHT * before[i]);
      norm += mixed[i] * mixed[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] *= scale;
    }
    return new Query(earlier.get() + "\n" + text, mixed, text);
  }
}
