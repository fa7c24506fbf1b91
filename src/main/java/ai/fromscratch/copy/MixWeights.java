package ai.fromscratch.copy;

/**
 * How the next word's probability is shared. The copy model over the passages gets λ = σ(bias +
 * perToken · min(matchLength, 16) + perFit · fit), where the match is the stretch of the answer the
 * passages share and fit how well the passage fits the question (cosine similarity). Of the rest,
 * the copy model over the training corpus gets σ(corpusBias + corpusPerToken · min(its match, 16))
 * and the Kneser-Ney model the remainder. Long matches in well-fitting passages are copied on;
 * short ones leave the word to the models. The values are tuned on held-out questions ({@code
 * AnswerQualityBenchmark}), not set by hand.
 *
 * @param sharpness how strongly a better-fitting passage outweighs the others among the occurrences
 *     of a match: an occurrence counts exp(sharpness · (fit - best fit))
 */
public record MixWeights(
    double bias,
    double perToken,
    double perFit,
    double sharpness,
    double corpusBias,
    double corpusPerToken) {
  private static final int LONGEST_COUNTED = 16;

  /** λ for a match of {@code length} tokens in a passage of fit {@code fit}; 0 without a match. */
  public double lambda(int length, double fit) {
    return length == 0
        ? 0
        : sigmoid(bias + perToken * Math.min(length, LONGEST_COUNTED) + perFit * fit);
  }

  /** The training corpus's share of what the passages leave, for a match of {@code length}. */
  public double corpusLambda(int length) {
    return length == 0
        ? 0
        : sigmoid(corpusBias + corpusPerToken * Math.min(length, LONGEST_COUNTED));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** The weight of an occurrence in a passage of fit {@code fit}, the best passage's being 1. */
  public double occurrenceWeight(double fit, double bestFit) {
    return Math.exp(sharpness * (fit - bestFit));
  }
}
