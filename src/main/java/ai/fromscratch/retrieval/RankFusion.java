package ai.fromscratch.retrieval;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): a passage scores {@code 1/(K +
 * rank)} in each ranked list that holds it (1-based ranks), summed over the lists. It needs no
 * calibration between cosine similarities and BM25 scores, which live on unrelated scales.
 */
public final class RankFusion {
  /** The usual constant: it damps the difference between the very first ranks. */
  public static final int K = 60;

  private RankFusion() {}

  /** The fused score of ranks in the vector and keyword lists; rank 0 means absent from a list. */
  public static double score(int vectorRank, int keywordRank) {
    return term(vectorRank) + term(keywordRank);
  }

  /**
   * The fused score with a third list: the passages holding every rare word of the question (a
   * name, a code), which both other lists may rank too low when many passages resemble the question
   * in everything but that word.
   */
  public static double score(int vectorRank, int keywordRank, int exactRank) {
    return term(vectorRank) + term(keywordRank) + term(exactRank);
  }

  /** Candidates taken from each list for {@code k} results: {@code max(50, 4k)}. */
  public static int candidates(int k) {
    return Math.max(50, 4 * k);
  }

  private static double term(int rank) {
    return rank > 0 ? 1.0 / (K + rank) : 0;
  }
}
