package ai.fromscratch.engine;

import ai.fromscratch.retrieval.RetrievedPassage;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * What generation produced, and how long it took: the sources it copied from in the order it used
 * them, the other passages found ("also retrieved"; a declined answer's suggestions), and where
 * each copied stretch came from.
 */
public record GenerationResult(
    String text,
    int tokens,
    @JsonbProperty("stop_reason") String stopReason,
    @JsonbProperty("elapsed_ms") double elapsedMs,
    @JsonbProperty("retrieval_ms") double retrievalMs,
    String model,
    List<RetrievedPassage> sources,
    @JsonbProperty("also_retrieved") List<RetrievedPassage> alsoRetrieved,
    List<Attribution> attributions) {}
