package ai.fromscratch.retrieval;

/**
 * A record retrieval found, as one unit: a question with its whole answer (however its passages
 * were found: by the question, by the answer, or both), or a text's best chunk. Its fit is the best
 * cosine similarity of its passages to the question.
 *
 * @param question the record's question, null for a text
 * @param answer the answer to it, or the text's chunk
 * @param best the hit that fits best, which the record is shown by
 * @param wordsHeld for a follow-up, the share of its own words the record holds, weighted by their
 *     rarity ({@link PassageIndex#shareOfWordsHeld}); 1 for a question asked alone, which its fit
 *     judges
 */
public record RecordHit(
    long datasetId,
    long recordId,
    String question,
    String answer,
    double fit,
    SearchHit best,
    double wordsHeld) {
  public boolean isPair() {
    return question != null;
  }

  /** The record's words: its question and answer, or its text. */
  String text() {
    return isPair() ? question + "\n" + answer : answer;
  }

  RecordHit withWordsHeld(double share) {
    return new RecordHit(datasetId, recordId, question, answer, fit, best, share);
  }
}
