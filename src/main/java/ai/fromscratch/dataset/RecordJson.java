package ai.fromscratch.dataset;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;

/** A stored record as the API shows it: its turns and the record as it was written. */
public record RecordJson(
    long ordinal,
    String location,
    String schema,
    int tokens,
    List<Turn> turns,
    JsonObject original) {

  static RecordJson of(DatasetRecord record) {
    try (JsonReader reader = Json.createReader(new StringReader(record.getOriginal()))) {
      return new RecordJson(
          record.getOrdinal(),
          record.getLocation(),
          record.getSchema(),
          record.getTokens(),
          TurnsJson.read(record.getTurns()),
          reader.readObject());
    }
  }
}
