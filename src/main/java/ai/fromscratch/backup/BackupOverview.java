package ai.fromscratch.backup;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The backups, newest first, with the schedule and the state of S3: where backups go, or what is
 * missing or failing; why old backups are kept for now, if they are; and, in production, a warning
 * when nothing would outlive the server's disk.
 */
public record BackupOverview(
    List<BackupJson> backups,
    String schedule,
    int keep,
    @JsonbProperty("s3_enabled") boolean s3Enabled,
    @JsonbProperty("s3_location") String s3Location,
    @JsonbProperty("s3_problem") String s3Problem,
    @JsonbProperty("pruning_held") String pruningHeld,
    @JsonbProperty("durability_warning") String durabilityWarning) {}
