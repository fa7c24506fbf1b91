package ai.fromscratch.engine;

import ai.fromscratch.lm.PerplexityReport;
import jakarta.json.bind.annotation.JsonbProperty;

/** The four figures of KenLM's query summary, for a text scored by the active model. */
public record PerplexityView(
    double perplexity,
    @JsonbProperty("perplexity_excluding_oov") double perplexityExcludingOov,
    long oovs,
    long tokens,
    long sentences,
    String model) {

  static PerplexityView of(PerplexityReport report, long sentences, String model) {
    return new PerplexityView(
        report.perplexity(),
        report.perplexityExcludingOovs(),
        report.oovs(),
        report.tokens(),
        sentences,
        model);
  }
}
