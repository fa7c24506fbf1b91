package ai.fromscratch.training;

import ai.fromscratch.bpe.BpeTrainingOptions;
import ai.fromscratch.platform.JsonParams;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;

/** How a byte-pair-encoding tokenizer is trained. */
public record BpeParameters(
    List<Long> datasets,
    int vocabularySize,
    int minFrequency,
    List<String> specialTokens,
    boolean lowercase)
    implements TrainingRequest {

  static final Set<String> KNOWN =
      Set.of("kind", "datasets", "vocab_size", "min_frequency", "special_tokens", "lowercase");

  static BpeParameters from(JsonObject json, List<Long> datasets) {
    JsonParams params = new JsonParams(json, KNOWN);
    List<String> specials = params.strings("special_tokens");
    return new BpeParameters(
        datasets,
        params.integer("vocab_size", 8000, 100, 200_000),
        params.integer("min_frequency", 2, 1, 1_000_000),
        specials == null ? BpeTrainingOptions.DEFAULT_SPECIAL_TOKENS : List.copyOf(specials),
        params.bool("lowercase", true));
  }

  @Override
  public JobKind kind() {
    return JobKind.BPE;
  }

  @Override
  public BpeParameters on(List<Long> chosen) {
    return new BpeParameters(
        List.copyOf(chosen), vocabularySize, minFrequency, specialTokens, lowercase);
  }

  /** The parameters as {@link #toJson} stored them. */
  static BpeParameters stored(JsonObject json) {
    return from(json, new JsonParams(json, KNOWN).longs("datasets", 1));
  }

  @Override
  public JsonObject toJson() {
    JsonArrayBuilder ids = Json.createArrayBuilder();
    datasets.forEach(ids::add);
    JsonArrayBuilder specials = Json.createArrayBuilder();
    specialTokens.forEach(specials::add);
    return Json.createObjectBuilder()
        .add("datasets", ids)
        .add("vocab_size", vocabularySize)
        .add("min_frequency", minFrequency)
        .add("special_tokens", specials)
        .add("lowercase", lowercase)
        .build();
  }
}
