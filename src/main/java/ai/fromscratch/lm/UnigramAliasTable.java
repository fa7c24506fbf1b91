package ai.fromscratch.lm;

import java.util.SplittableRandom;

/**
 * Walker's alias table over a model's unigram probabilities: draws a word in O(1), never {@code
 * <s>} or {@code <unk>}. Built once per model, O(vocabulary).
 */
final class UnigramAliasTable {
  private final double[] threshold;
  private final int[] alias;

  UnigramAliasTable(NgramModel model) {
    int size = model.vocabulary().size();
    double[] scaled = new double[size];
    double sum = 0;
    for (int w = 0; w < size; w++) {
      scaled[w] = BackoffDistribution.isForbidden(w) ? 0 : Math.pow(10, model.prob(0, w));
      sum += scaled[w];
    }
    threshold = new double[size];
    alias = new int[size];
    int[] small = new int[size];
    int[] large = new int[size];
    int smallCount = 0;
    int largeCount = 0;
    for (int w = 0; w < size; w++) {
      scaled[w] *= size / sum;
      if (scaled[w] < 1) {
        small[smallCount++] = w;
      } else {
        large[largeCount++] = w;
      }
    }
    while (smallCount > 0 && largeCount > 0) {
      int less = small[--smallCount];
      int more = large[--largeCount];
      threshold[less] = scaled[less];
      alias[less] = more;
      scaled[more] -= 1 - scaled[less];
      if (scaled[more] < 1) {
        small[smallCount++] = more;
      } else {
        large[largeCount++] = more;
      }
    }
    while (largeCount > 0) {
      int w = large[--largeCount];
      threshold[w] = 1;
      alias[w] = w;
    }
    // Left-overs of rounding: their share is within floating point error of 1, or 0 for the
    // forbidden words, which must never come out.
    while (smallCount > 0) {
      int w = small[--smallCount];
      boolean forbidden = BackoffDistribution.isForbidden(w);
      threshold[w] = forbidden ? 0 : 1;
      alias[w] = forbidden ? Vocabulary.EOS : w;
    }
  }

  int sample(SplittableRandom random) {
    int w = random.nextInt(threshold.length);
    return random.nextDouble() < threshold[w] ? w : alias[w];
  }
}
