package ai.fromscratch.lm;

import java.util.SplittableRandom;

/**
 * The next-word distribution of an {@link NgramModel}, level by level: the stored continuations of
 * the longest context first (their stored probability is already p(word | context)), then those of
 * shorter contexts scaled by the backoffs of the longer ones, then the unigram rest through an
 * alias table. One word's probability is settled at the first level that lists it.
 *
 * <p>Appended words are scored when the distribution is next asked, not when they come: the state
 * after a history depends on its last order − 1 words alone, so a run of words that nobody asks
 * about costs at most order − 1 lookups. An answer copied from a passage asks the model about few
 * of its words; scoring each one on arrival, in a model mapped from disk, took 39% of the server's
 * Java samples in a profile of 8 chat clients on Brown.
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

  /** The words appended since {@link #state} was brought up to date, oldest first. */
  private final int[] unscored;

  private int unscoredCount;

  /** More words came than a context holds: the state is rebuilt from the last of them. */
  private boolean contextReplaced;

  BackoffDistribution(NgramModel model, UnigramAliasTable unigrams) {
    this.model = model;
    this.unigrams = unigrams;
    this.scratch = model.newState();
    this.unscored = new int[model.order() - 1];
    reset();
  }

  static boolean isForbidden(int word) {
    return word == Vocabulary.UNK || word == Vocabulary.BOS;
  }

  @Override
  public void reset() {
    state = model.sentenceStart();
    unscoredCount = 0;
    contextReplaced = false;
    rewind();
  }

  @Override
  public void append(int word) {
    // A unigram model has no context: its state never changes.
    if (unscored.length == 0) {
      return;
    }
    if (unscoredCount == unscored.length) {
      System.arraycopy(unscored, 1, unscored, 0, unscoredCount - 1);
      unscoredCount--;
      contextReplaced = true;
    }
    unscored[unscoredCount++] = word;
  }

  @Override
  public double probability(int word) {
    scoreAppended();
    return exp10(model.score(state, word, scratch));
  }

  @Override
  public void rewind() {
    scoreAppended();
    nextContextLength = state.length;
    scale = 1;
  }

  /**
   * Brings the state up to date with the appended words and rewinds. After more than order − 1 of
   * them, the state from the sentence start over the last order − 1 is the same as over them all: a
   * longer context reaches no further back.
   */
  private void scoreAppended() {
    if (unscoredCount == 0) {
      return;
    }
    if (contextReplaced) {
      state = model.sentenceStart();
      contextReplaced = false;
    }
    for (int i = 0; i < unscoredCount; i++) {
      model.score(state, unscored[i], scratch);
      ContextState swap = state;
      state = scratch;
      scratch = swap;
    }
    unscoredCount = 0;
    nextContextLength = state.length;
    scale = 1;
  }

  @Override
  public boolean offerNextLevel(Candidates out, WordSet offered) {
    scoreAppended();
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
    scoreAppended();
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
