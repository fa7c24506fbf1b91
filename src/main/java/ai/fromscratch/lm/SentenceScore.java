package ai.fromscratch.lm;

/**
 * The score of one sentence as KenLM's query reports it: total log10 probability including {@code
 * </s>}, scored tokens (words + 1), OOV words, and the log10 probability of the OOV positions.
 */
public record SentenceScore(
    double log10Probability, int tokens, int oovs, double oovLog10Probability) {}
