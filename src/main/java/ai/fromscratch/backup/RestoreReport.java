package ai.fromscratch.backup;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.Map;

/**
 * What a restore brought back: the backup, when it was taken, the rows of each table, the files.
 */
public record RestoreReport(
    String restored,
    @JsonbProperty("taken_at") Instant takenAt,
    @JsonbProperty("app_version") String appVersion,
    Map<String, Long> tables,
    int files,
    @JsonbProperty("model_loaded") boolean modelLoaded) {}
