package ai.fromscratch.lm;

/**
 * The smoothed unigrams both estimators share: counts discounted and interpolated with the uniform
 * distribution as lmplz does, then the words renumbered by descending probability (the ids the trie
 * is sorted by). Everything but {@link #newId} is indexed by the new ids.
 */
final class Unigrams {
  /** newId[old id] for the ids of the table the counts were made with. */
  final int[] newId;

  final int[] counts;
  final float[] log10;
  final double[] probabilities;
  final Discounts discounts;
  final Vocabulary vocabulary;

  private Unigrams(
      int[] newId,
      int[] counts,
      float[] log10,
      double[] probabilities,
      Discounts discounts,
      Vocabulary vocabulary) {
    this.newId = newId;
    this.counts = counts;
    this.log10 = log10;
    this.probabilities = probabilities;
    this.discounts = discounts;
    this.vocabulary = vocabulary;
  }

  /**
   * @param counts per word of {@code words}: its continuation count (distinct words before it), or
   *     its raw count for a unigram model
   */
  static Unigrams estimate(WordTable words, int[] counts, boolean discountFallback) {
    int size = words.size();
    Discounts discounts = Discounts.of(1, Discounts.countsOfCounts(counts), discountFallback);
    long total = 0;
    double gammaMass = 0;
    for (int count : counts) {
      total += count;
      gammaMass += discounts.forCount(count);
    }
    // lmplz interpolates unigrams with the uniform distribution over the vocabulary without <s>.
    double uniformShare = gammaMass / total / (size - 1);
    double[] probabilities = new double[size];
    float[] log10 = new float[size];
    for (int w = 0; w < size; w++) {
      probabilities[w] = (counts[w] - discounts.forCount(counts[w])) / total + uniformShare;
      log10[w] = w == Vocabulary.BOS ? NgramModel.LOG10_ZERO : log10(probabilities[w]);
    }
    int[] newId = VocabularyOrder.rank(words, log10);
    return new Unigrams(
        newId,
        permute(counts, newId),
        permute(log10, newId),
        permute(probabilities, newId),
        discounts,
        VocabularyOrder.reorder(words, newId));
  }

  static float log10(double p) {
    return p > 0 ? (float) Math.log10(p) : NgramModel.LOG10_ZERO;
  }

  private static int[] permute(int[] values, int[] newId) {
    int[] result = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      result[newId[i]] = values[i];
    }
    return result;
  }

  private static float[] permute(float[] values, int[] newId) {
    float[] result = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      result[newId[i]] = values[i];
    }
    return result;
  }

  private static double[] permute(double[] values, int[] newId) {
    double[] result = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[newId[i]] = values[i];
    }
    return result;
  }
}
