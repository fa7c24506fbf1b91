package ai.fromscratch.retrieval;

import jakarta.json.bind.annotation.JsonbProperty;

/** A search hit as the API shows it: the passage, where it comes from, and its scores. */
public record RetrievedPassage(
    String id,
    String kind,
    String text,
    String answer,
    @JsonbProperty("dataset_id") long datasetId,
    @JsonbProperty("dataset_name") String datasetName,
    long record,
    double similarity,
    @JsonbProperty("keyword_score") double keywordScore,
    @JsonbProperty("vector_rank") int vectorRank,
    @JsonbProperty("keyword_rank") int keywordRank,
    @JsonbProperty("fused_score") double fusedScore) {

  static RetrievedPassage of(SearchHit hit, String datasetName) {
    return new RetrievedPassage(
        hit.id(),
        hit.kind(),
        hit.text(),
        hit.answer(),
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
