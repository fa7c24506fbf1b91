package ai.fromscratch.lm;

import java.util.Arrays;
import java.util.List;

/** Small corpora for focused tests. */
final class TestCorpus {
  private TestCorpus() {}

  /** Sentences as token arrays, split on spaces. */
  static List<String[]> sentences(String... lines) {
    return Arrays.stream(lines).map(TextFiles::splitOnSpaces).toList();
  }

  /** The first lines of the Brown sample: enough data for every count-of-count up to order 3. */
  static List<String[]> brownLines(int count) {
    return ReferenceData.lines("brown-small.train.txt").subList(0, count).stream()
        .map(TextFiles::splitOnSpaces)
        .toList();
  }

  static NgramModel estimate(int order, List<String[]> sentences) {
    return new KneserNeyEstimator(EstimationOptions.ofOrder(order))
        .estimate(sentences, ProgressListener.NONE)
        .model();
  }

  static NgramModel estimateWithFallback(int order, List<String[]> sentences) {
    return new KneserNeyEstimator(EstimationOptions.ofOrder(order).withDiscountFallback(true))
        .estimate(sentences, ProgressListener.NONE)
        .model();
  }
}
