package ai.fromscratch.engine;

import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** What is known of the active model, for the API and the pages. */
public record ModelFacts(
    String id,
    int order,
    @JsonbProperty("vocabulary_size") int vocabularySize,
    List<Integer> ngrams,
    @JsonbProperty("total_ngrams") long totalNgrams,
    @JsonbProperty("memory_bytes") long memoryBytes,
    @JsonbProperty("bytes_per_ngram") double bytesPerNgram,
    Map<String, String> metadata)
    implements Serializable {

  public static ModelFacts of(ActiveModel active) {
    var model = active.model();
    List<Integer> ngrams =
        java.util.stream.IntStream.rangeClosed(1, model.order())
            .mapToObj(model::ngramCount)
            .toList();
    return new ModelFacts(
        active.id(),
        model.order(),
        model.vocabulary().size(),
        ngrams,
        model.totalNgrams(),
        model.memoryBytes(),
        (double) model.memoryBytes() / Math.max(1, model.totalNgrams()),
        active.metadata());
  }
}
