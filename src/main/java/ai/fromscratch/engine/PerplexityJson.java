package ai.fromscratch.engine;

import ai.fromscratch.lm.PerplexityReport;
import jakarta.json.bind.annotation.JsonbProperty;

/** The four figures of KenLM's query summary, for a text scored by the active model. */
public record PerplexityJson(
    double perplexity,
    @JsonbProperty("perplexity_excluding_oov") double perplexityExcludingOov,
    long oovs,
    long tokens,
    long sentences,
    String model) {

  static PerplexityJson of(PerplexityReport report, long sentences, String model) {
    return new PerplexityJson(
        report.perplexity(),
        report.perplexityExcludingOovs(),
        report.oovs(),
        report.tokens(),
        sentences,
        model);
  }
}
