package ai.fromscratch.retrieval;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * A search hit as the API shows it: the passage, where it comes from, and its scores.
 *
 * @param heading the title of the section a text chunk lies in, absent when none
 */
public record RetrievedPassage(
    String id,
    String kind,
    String text,
    String answer,
    String heading,
    @JsonbProperty("dataset_id") long datasetId,
    @JsonbProperty("dataset_name") String datasetName,
    long record,
    double similarity,
    @JsonbProperty("keyword_score") double keywordScore,
    @JsonbProperty("vector_rank") int vectorRank,
    @JsonbProperty("keyword_rank") int keywordRank,
    @JsonbProperty("fused_score") double fusedScore) {

  /** A record found, shown by its question and answer (or its text) with its best hit's scores. */
  static RetrievedPassage of(RecordHit record, String datasetName) {
    SearchHit best = record.best();
    return new RetrievedPassage(
        best.id(),
        record.isPair() ? Passage.QUESTION : best.kind(),
        record.isPair() ? record.question() : record.answer(),
        record.isPair() ? record.answer() : null,
        best.heading(),
        record.datasetId(),
        datasetName,
        record.recordId(),
        record.fit(),
        best.keywordScore(),
        best.vectorRank(),
        best.keywordRank(),
        best.fusedScore());
  }

  static RetrievedPassage of(SearchHit hit, String datasetName) {
    return new RetrievedPassage(
        hit.id(),
        hit.kind(),
        hit.text(),
        hit.answer(),
        hit.heading(),
        hit.datasetId(),
        datasetName,
        hit.recordId(),
        hit.similarity(),
        hit.keywordScore(),
        hit.vectorRank(),
        hit.keywordRank(),
        hit.fusedScore());
  }
}
