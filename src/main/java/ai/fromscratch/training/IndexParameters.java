package ai.fromscratch.training;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;

/** A job that only indexes datasets for retrieval. */
public record IndexParameters(List<Long> datasets) implements TrainingRequest {
  static final Set<String> KNOWN = Set.of("kind", "datasets");

  @Override
  public JobKind kind() {
    return JobKind.INDEX;
  }

  @Override
  public IndexParameters on(List<Long> chosen) {
    return new IndexParameters(List.copyOf(chosen));
  }

  @Override
  public JsonObject toJson() {
    JsonArrayBuilder ids = Json.createArrayBuilder();
    datasets.forEach(ids::add);
    return Json.createObjectBuilder().add("datasets", ids).add("index", true).build();
  }
}
