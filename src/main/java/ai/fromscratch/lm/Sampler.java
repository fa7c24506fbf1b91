package ai.fromscratch.lm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws next words from a {@link NextWordDistribution}, never scanning the whole vocabulary.
 *
 * <p>Plain sampling (temperature 1, no top-k or top-p) walks the levels: the words a level offers
 * plus one "back off" entry carrying the mass of every word not offered yet; choosing "back off"
 * moves to the next level, and past the last context the rest is drawn from the alias table. The
 * result follows the model's distribution exactly (conditioned on never producing {@code <unk>} or
 * an excluded word) and usually stops at the first level.
 *
 * <p>Shaped sampling lists the words of every level with their full probabilities, then the most
 * probable words of the rest, and keeps one residual entry for the words below those. Temperature,
 * top-k and top-p act on that one list. (Shaping each level's list separately, with "back off" as
 * an entry, was cheaper but let a large backoff mass outrank the most probable word, so greedy and
 * top-k did not pick the most probable words.) Every word of the residual is less probable than
 * every listed rest word, so the residual ranks last; under temperature it counts as its mass
 * spread over words as probable as the least listed one.
 */
public final class Sampler {
  /** Words of the unigram rest listed when temperature, top-k or top-p must see them. */
  static final int REST_CANDIDATES = 64;

  private final SamplingOptions options;
  private final SplittableRandom random;
  private final Candidates candidates = new Candidates();
  private final WordSet offered = new WordSet();
  private double[] weights = new double[REST_CANDIDATES + 1];
  private long[] ranked = new long[REST_CANDIDATES + 1];

  private final int[] excluded;

  /**
   * @param excluded word ids never to draw (beside {@code <unk>}), as resolved from the options'
   *     excluded tokens
   */
  public Sampler(SamplingOptions options, int... excluded) {
    this.options = options;
    this.excluded = excluded.clone();
    this.random =
        options.seed() == null ? new SplittableRandom() : new SplittableRandom(options.seed());
  }

  /** The id of the next word given the distribution's history. */
  public int next(NextWordDistribution distribution) {
    distribution.rewind();
    offered.clear();
    double allowed = 1 - distribution.probability(Vocabulary.UNK);
    // An excluded word counts as offered already, so no level offers it and the rest skips it.
    for (int word : excluded) {
      if (offered.add(word)) {
        allowed -= distribution.probability(word);
      }
    }
    allowed = Math.max(0, allowed);
    return options.isPlain() ? nextPlain(distribution, allowed) : nextShaped(distribution, allowed);
  }

  private int nextPlain(NextWordDistribution distribution, double allowed) {
    double remaining = allowed;
    while (true) {
      candidates.clear();
      if (!distribution.offerNextLevel(candidates, offered)) {
        return distribution.sampleRest(random, offered);
      }
      candidates.setResidual(Math.max(0, remaining - candidates.total()));
      double target = random.nextDouble() * (candidates.total() + candidates.residual());
      for (int i = 0; i < candidates.size(); i++) {
        target -= candidates.probability(i);
        if (target < 0) {
          return candidates.word(i);
        }
      }
      remaining = candidates.residual();
    }
  }

  private int nextShaped(NextWordDistribution distribution, double allowed) {
    candidates.clear();
    while (distribution.offerNextLevel(candidates, offered)) {
      // Each level appends its words to the one list.
    }
    int seen = candidates.size();
    distribution.offerMostProbable(Math.max(REST_CANDIDATES, options.topK()), candidates, offered);
    candidates.setResidual(Math.max(0, allowed - candidates.total()));
    int listed = candidates.size();
    if (listed == 0) {
      return distribution.sampleRest(random, offered);
    }
    fillWeights(listed, seen);
    int chosen =
        options.temperature() == 0
            ? argMax(listed)
            : options.topK() == 0 && options.topP() == 1
                ? drawAmong(listed + 1)
                : drawFromTop(listed + 1);
    return chosen < listed ? candidates.word(chosen) : distribution.sampleRest(random, offered);
  }

  /** Tempered weights of the listed words, then of the residual (last). */
  private void fillWeights(int listed, int seen) {
    if (weights.length < listed + 1) {
      weights = new double[2 * (listed + 1)];
      ranked = new long[2 * (listed + 1)];
    }
    double max = 0;
    for (int i = 0; i < listed; i++) {
      max = Math.max(max, candidates.probability(i));
    }
    double exponent = options.temperature() == 0 ? 1 : 1 / options.temperature();
    for (int i = 0; i < listed; i++) {
      weights[i] = Math.pow(candidates.probability(i) / max, exponent);
    }
    double least = listed > seen ? candidates.probability(listed - 1) : max;
    double residual = candidates.residual();
    weights[listed] =
        residual <= 0 || least <= 0 ? 0 : residual / least * Math.pow(least / max, exponent);
  }

  private int argMax(int listed) {
    int best = 0;
    for (int i = 1; i < listed; i++) {
      if (weights[i] > weights[best]) {
        best = i;
      }
    }
    return best;
  }

  private int drawAmong(int entries) {
    double total = 0;
    for (int i = 0; i < entries; i++) {
      total += weights[i];
    }
    double target = random.nextDouble() * total;
    for (int i = 0; i < entries; i++) {
      target -= weights[i];
      if (target < 0) {
        return i;
      }
    }
    return 0;
  }

  /** Keeps the top-k entries, then the smallest most-probable prefix reaching top-p, and draws. */
  private int drawFromTop(int entries) {
    int listed = entries - 1;
    for (int i = 0; i < listed; i++) {
      // Non-negative floats order like their bit patterns: weight in the high half, index low.
      ranked[i] = (long) Float.floatToIntBits((float) weights[i]) << 32 | i;
    }
    Arrays.sort(ranked, 0, listed);
    int kept = options.topK() > 0 ? Math.min(options.topK(), entries) : entries;
    double total = 0;
    for (int r = 0; r < kept; r++) {
      total += weights[rankedIndex(listed, r)];
    }
    double cumulative = 0;
    int prefix = 0;
    while (prefix < kept && cumulative < options.topP() * total) {
      cumulative += weights[rankedIndex(listed, prefix++)];
    }
    double target = random.nextDouble() * cumulative;
    for (int r = 0; r < prefix; r++) {
      target -= weights[rankedIndex(listed, r)];
      if (target < 0) {
        return rankedIndex(listed, r);
      }
    }
    return rankedIndex(listed, 0);
  }

  /** The entry at rank r, most probable first; the residual (index listed) ranks last. */
  private int rankedIndex(int listed, int r) {
    return r < listed ? (int) ranked[listed - 1 - r] : listed;
  }
}
