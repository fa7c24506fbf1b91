package ai.fromscratch.training;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.JsonParams;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Set;

/**
 * What a training job is asked to do: an n-gram model, a tokenizer, or the retrieval index alone.
 * {@link #datasets()} empty means every dataset. The REST edge reads it from JSON ({@link #from});
 * the pages make it directly.
 */
public sealed interface TrainingRequest permits NgramParameters, BpeParameters, IndexParameters {
  List<Long> datasets();

  JobKind kind();

  /** The same request on these datasets (once "every dataset" has been resolved). */
  TrainingRequest on(List<Long> datasets);

  /** The parameters as the job stores and reads them. */
  JsonObject toJson();

  /** A request body: {@code kind}, optional {@code datasets} and the kind's parameters. */
  static TrainingRequest from(JsonObject body) {
    JobKind kind = kind(body);
    List<Long> datasets = new JsonParams(body, known(kind)).longs("datasets", 1);
    if (datasets != null && datasets.isEmpty()) {
      throw ApiException.badRequest("datasets must name at least one dataset");
    }
    List<Long> chosen = datasets == null ? List.of() : List.copyOf(datasets);
    return switch (kind) {
      case NGRAM -> NgramParameters.from(body, chosen);
      case BPE -> BpeParameters.from(body, chosen);
      case INDEX -> new IndexParameters(chosen);
    };
  }

  private static Set<String> known(JobKind kind) {
    return switch (kind) {
      case NGRAM -> NgramParameters.KNOWN;
      case BPE -> BpeParameters.KNOWN;
      case INDEX -> IndexParameters.KNOWN;
    };
  }

  private static JobKind kind(JsonObject body) {
    if (body == null) {
      throw ApiException.badRequest("The request needs a JSON object as its body");
    }
    if (body.get("kind") instanceof JsonString kind) {
      for (JobKind candidate : JobKind.values()) {
        if (candidate.id().equals(kind.getString())) {
          return candidate;
        }
      }
    }
    throw ApiException.badRequest("kind must be ngram, bpe or index");
  }
}
