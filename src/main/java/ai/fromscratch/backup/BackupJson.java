package ai.fromscratch.backup;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/** A backup as the API and the Admin page list it: where it is kept and how its upload went. */
public record BackupJson(
    String name,
    @JsonbProperty("created_at") Instant createdAt,
    long size,
    boolean local,
    boolean s3,
    String status,
    String trigger) {}
