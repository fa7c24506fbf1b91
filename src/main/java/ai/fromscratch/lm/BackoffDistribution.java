package ai.fromscratch.lm;

import java.util.SplittableRandom;

/**
 * The next-word distribution of an {@link NgramModel}, level by level: the stored continuations of
 * the longest context first (their stored probability is already p(word | context)), then those of
 * shorter contexts scaled by the backoffs of the longer ones, then the unigram rest through an
 * alias table. One word's probability is settled at the first level that lists it.
 */
final class BackoffDistribution implements NextWordDistribution {
  /** Rejections of already offered words before an exact scan takes over. */
  private static final int MAX_REJECTIONS = 1_000;

  private static final double LN_10 = Math.log(10);

  private final NgramModel model;
  private final UnigramAliasTable unigrams;
  private ContextState state;
  private ContextState scratch;
  private int nextContextLength;
  private double scale;

  BackoffDistribution(NgramModel model, UnigramAliasTable unigrams) {
    this.model = model;
    this.unigrams = unigrams;
    this.scratch = model.newState();
    reset();
  }

  static boolean isForbidden(int word) {
    return word == Vocabulary.UNK || word == Vocabulary.BOS;
  }

  @Override
  public void reset() {
    state = model.sentenceStart();
    rewind();
  }

  @Override
  public void append(int word) {
    model.score(state, word, scratch);
    ContextState swap = state;
    state = scratch;
    scratch = swap;
    rewind();
  }

  @Override
  public double probability(int word) {
    return exp10(model.score(state, word, scratch));
  }

  @Override
  public void rewind() {
    nextContextLength = state.length;
    scale = 1;
  }

  @Override
  public boolean offerNextLevel(Candidates out, WordSet offered) {
    while (nextContextLength > 0) {
      int level = nextContextLength - 1;
      int node = state.nodes[level];
      double levelScale = scale;
      scale *= exp10(state.backoffs[level]);
      nextContextLength--;
      int from = model.childStart(level, node);
      int to = model.childEnd(level, node);
      if (from == to) {
        continue;
      }
      for (int child = from; child < to; child++) {
        int word = model.word(level + 1, child);
        if (offered.add(word) && !isForbidden(word)) {
          out.add(word, levelScale * exp10(model.prob(level + 1, child)));
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void offerMostProbable(int max, Candidates out, WordSet offered) {
    int size = model.vocabulary().size();
    // Ids from 3 on are sorted by unigram probability; </s> (2) is checked first.
    for (int word = Vocabulary.EOS; word < size && out.size() < max; word++) {
      if (offered.add(word)) {
        out.add(word, scale * exp10(model.prob(0, word)));
      }
    }
  }

  @Override
  public int sampleRest(SplittableRandom random, WordSet offered) {
    for (int attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
      int word = unigrams.sample(random);
      if (!offered.contains(word)) {
        return word;
      }
    }
    return scanRest(random, offered);
  }

  /** Exact draw over the whole vocabulary, for the rare step where nearly all mass was offered. */
  private int scanRest(SplittableRandom random, WordSet offered) {
    int size = model.vocabulary().size();
    double total = 0;
    for (int word = Vocabulary.EOS; word < size; word++) {
      total += offered.contains(word) ? 0 : exp10(model.prob(0, word));
    }
    double target = random.nextDouble() * total;
    int last = Vocabulary.EOS;
    for (int word = Vocabulary.EOS; word < size; word++) {
      if (!offered.contains(word)) {
        last = word;
        target -= exp10(model.prob(0, word));
        if (target < 0) {
          return word;
        }
      }
    }
    return last;
  }

  private static double exp10(float log10) {
    return Math.exp(log10 * LN_10);
  }
}
