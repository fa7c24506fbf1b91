package ai.fromscratch.lm;

/** The arrays of every order while a model is estimated; index = order - 1. */
final class NgramLevels {
  final int[] sizes;
  final int[][] words;
  final int[][] counts;
  final int[][] suffixes;
  final int[][] childStarts;
  final float[][] probs;
  final float[][] backoffs;
  final Discounts[] discounts;

  /** N-grams starting with {@code <s>} form one contiguous id range per order. */
  final int[] bosStart;

  final int[] bosEnd;
  double[] unigramProbabilities;
  boolean[][] pruned;

  NgramLevels(int order) {
    sizes = new int[order];
    words = new int[order][];
    counts = new int[order][];
    suffixes = new int[order][];
    childStarts = new int[order][];
    probs = new float[order][];
    backoffs = new float[order][];
    discounts = new Discounts[order];
    bosStart = new int[order];
    bosEnd = new int[order];
  }

  int order() {
    return sizes.length;
  }
}
