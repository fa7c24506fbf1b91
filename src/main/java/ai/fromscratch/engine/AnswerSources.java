package ai.fromscratch.engine;

import ai.fromscratch.copy.CopiedStretch;
import ai.fromscratch.retrieval.RecordHit;
import java.util.ArrayList;
import java.util.List;

/**
 * What an answer rests on: the records it copied from, in the order it first copied from each; the
 * other records retrieval found ("also retrieved"); and each copied stretch as an {@link
 * Attribution} of a used record. A declined answer used nothing: what was found are suggestions.
 */
record AnswerSources(
    List<RecordHit> used, List<RecordHit> alsoRetrieved, List<Attribution> attributions) {

  static AnswerSources of(Answerer.Answer answer) {
    List<RecordHit> documents = answer.passages().records();
    List<RecordHit> used = new ArrayList<>();
    List<Attribution> attributions = new ArrayList<>();
    for (CopiedStretch stretch : answer.stretches()) {
      RecordHit record = documents.get(stretch.document());
      if (!used.contains(record)) {
        used.add(record);
      }
      attributions.add(
          new Attribution(
              stretch.answerStart(),
              stretch.answerEnd(),
              used.indexOf(record),
              field(record, stretch.part()),
              stretch.sourceStart(),
              stretch.sourceEnd()));
    }
    List<RecordHit> also = new ArrayList<>(answer.found());
    also.removeAll(used);
    return new AnswerSources(List.copyOf(used), List.copyOf(also), List.copyOf(attributions));
  }

  /** The used records, then the others. */
  List<RecordHit> all() {
    List<RecordHit> all = new ArrayList<>(used);
    all.addAll(alsoRetrieved);
    return all;
  }

  /**
   * The source's field a stretch came from, as the API shows a source: a pair's question is its
   * {@code text} and its answer its {@code answer}; a text chunk is its {@code text}.
   */
  private static String field(RecordHit record, int part) {
    return record.isPair() && part == AnswerPassages.ANSWER ? "answer" : "text";
  }
}
