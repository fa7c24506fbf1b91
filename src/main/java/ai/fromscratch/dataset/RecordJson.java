package ai.fromscratch.dataset;

import ai.fromscratch.platform.StoredJsonObject;
import java.io.Serializable;
import java.util.List;

/** A stored record as the API shows it: its turns and the record as it was written. */
public record RecordJson(
    long ordinal,
    String location,
    String schema,
    int tokens,
    List<Turn> turns,
    StoredJsonObject original)
    implements Serializable {

  static RecordJson of(DatasetRecord record) {
    return new RecordJson(
        record.getOrdinal(),
        record.getLocation(),
        record.getSchema(),
        record.getTokens(),
        TurnsJson.read(record.getTurns()),
        StoredJsonObject.parse(record.getOriginal()));
  }
}
