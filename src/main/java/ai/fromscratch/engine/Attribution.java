package ai.fromscratch.engine;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * A stretch of an answer copied from a source: the answer's characters {@code [start, end)} are the
 * characters {@code [sourceStart, sourceEnd)} of the {@code field} ({@code text} or {@code answer})
 * of the answer's {@code source}-th source (0-based).
 */
public record Attribution(
    int start,
    int end,
    int source,
    String field,
    @JsonbProperty("source_start") int sourceStart,
    @JsonbProperty("source_end") int sourceEnd) {}
