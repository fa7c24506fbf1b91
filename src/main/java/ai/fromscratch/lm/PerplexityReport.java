package ai.fromscratch.lm;

import java.util.Locale;

/** The four figures of KenLM's query summary. */
public record PerplexityReport(
    double perplexity, double perplexityExcludingOovs, long oovs, long tokens) {

  /** Sums sentence scores into a report. */
  public static final class Accumulator {
    private double log10Probability;
    private double oovLog10Probability;
    private long tokens;
    private long oovs;

    public void add(SentenceScore score) {
      log10Probability += score.log10Probability();
      oovLog10Probability += score.oovLog10Probability();
      tokens += score.tokens();
      oovs += score.oovs();
    }

    public PerplexityReport report() {
      return new PerplexityReport(
          Math.pow(10, -log10Probability / tokens),
          Math.pow(10, -(log10Probability - oovLog10Probability) / (tokens - oovs)),
          oovs,
          tokens);
    }
  }

  /** The summary lines as KenLM's query prints them. */
  public String format() {
    return String.format(
        Locale.ROOT,
        "Perplexity including OOVs:\t%s%nPerplexity excluding OOVs:\t%s%nOOVs:\t%d%nTokens:\t%d%n",
        perplexity,
        perplexityExcludingOovs,
        oovs,
        tokens);
  }
}
