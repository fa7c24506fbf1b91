package ai.fromscratch.dataset;

import ai.fromscratch.platform.StoredJsonObject;
import jakarta.json.Json;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A dataset as the API and the pages show it. */
public record DatasetJson(
    long id,
    String name,
    String source,
    String format,
    Map<String, Long> schemas,
    long records,
    long rejected,
    long tokens,
    long bytes,
    String sha256,
    @JsonbProperty("created_at") Instant createdAt,
    StoredJsonObject provenance)
    implements Serializable {

  static DatasetJson of(Dataset dataset) {
    return new DatasetJson(
        dataset.getId(),
        dataset.getName(),
        dataset.getSource(),
        dataset.getFormat(),
        schemas(dataset.getSchemaMix()),
        dataset.getRecords(),
        dataset.getRejected(),
        dataset.getTokens(),
        dataset.getBytes(),
        dataset.getSha256(),
        dataset.getCreatedAt(),
        dataset.getProvenance() == null ? null : StoredJsonObject.parse(dataset.getProvenance()));
  }

  /** The schemas as one line for people, most records first ("prompt_response 10, text 2"). */
  public String schemaSummary() {
    return schemas.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + " " + e.getValue())
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  static String schemaJson(Map<String, Long> schemas) {
    var builder = Json.createObjectBuilder();
    schemas.forEach(builder::add);
    return builder.build().toString();
  }

  private static Map<String, Long> schemas(String json) {
    Map<String, Long> schemas = new LinkedHashMap<>();
    if (json != null) {
      StoredJsonObject.parse(json)
          .forEach((key, value) -> schemas.put(key, Long.parseLong(value.toString())));
    }
    return schemas;
  }
}
