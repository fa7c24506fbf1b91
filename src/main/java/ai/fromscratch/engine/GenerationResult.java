package ai.fromscratch.engine;

import jakarta.json.bind.annotation.JsonbProperty;

/** What generation produced, and how long it took. */
public record GenerationResult(
    String text,
    int tokens,
    @JsonbProperty("stop_reason") String stopReason,
    @JsonbProperty("elapsed_ms") double elapsedMs,
    String model) {}
