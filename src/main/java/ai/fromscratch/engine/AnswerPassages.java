package ai.fromscratch.engine;

import ai.fromscratch.copy.CopyCorpus;
import ai.fromscratch.retrieval.RecordHit;
import java.util.List;

/**
 * The records retrieval found for a question, as the copy model's documents, best first: a question
 * and its answer become {@code <user> question <assistant> answer}, so that a question asked alike
 * runs on into its answer; a text chunk becomes {@code <assistant> text}, so that an answer may
 * start with it. Each document's fit is its record's. The documents hold at most MAX_CONTEXT_CHARS
 * characters of text in all, the best records first.
 */
final class AnswerPassages {
  /** Which text of a document a copied stretch came from. */
  static final int QUESTION = 0;

  static final int ANSWER = 1;

  private final CopyCorpus corpus;
  private final List<RecordHit> records;

  private AnswerPassages(CopyCorpus corpus, List<RecordHit> records) {
    this.corpus = corpus;
    this.records = records;
  }

  static AnswerPassages of(List<RecordHit> found, int maxChars) {
    CopyCorpus.Builder builder = CopyCorpus.builder();
    int budget = maxChars;
    int added = 0;
    for (RecordHit record : found) {
      if (budget <= 0) {
        break;
      }
      if (record.isPair()) {
        String question = cut(ChatFormat.withoutClosingMarks(record.question()), budget);
        builder.marker(ChatFormat.USER).text(question, QUESTION);
        budget -= question.length();
      }
      String answer = cut(record.answer(), budget);
      builder.marker(ChatFormat.ASSISTANT).text(answer, ANSWER).end();
      budget -= answer.length();
      added++;
    }
    return new AnswerPassages(builder.build(), List.copyOf(found.subList(0, added)));
  }

  private static String cut(String text, int budget) {
    return text.length() <= budget ? text : text.substring(0, Math.max(0, budget));
  }

  CopyCorpus corpus() {
    return corpus;
  }

  /** The record each document stands for, in document order. */
  List<RecordHit> records() {
    return records;
  }

  /** Each document's fit, in document order. */
  double[] fit() {
    return records.stream().mapToDouble(RecordHit::fit).toArray();
  }
}
