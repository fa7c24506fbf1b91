package ai.fromscratch.engine;

import ai.fromscratch.retrieval.RetrievedPassage;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** What generation produced, the passages that steered it, and how long it took. */
public record GenerationResult(
    String text,
    int tokens,
    @JsonbProperty("stop_reason") String stopReason,
    @JsonbProperty("elapsed_ms") double elapsedMs,
    @JsonbProperty("retrieval_ms") double retrievalMs,
    String model,
    List<RetrievedPassage> sources) {}
