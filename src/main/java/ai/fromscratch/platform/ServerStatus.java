package ai.fromscratch.platform;

import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.time.Instant;

/** The keepalive answer. */
public record ServerStatus(
    String status,
    @JsonbProperty("uptime_seconds") long uptimeSeconds,
    String version,
    @JsonbProperty("model_loaded") boolean modelLoaded,
    @JsonbProperty("started_at") Instant startedAt)
    implements Serializable {}
