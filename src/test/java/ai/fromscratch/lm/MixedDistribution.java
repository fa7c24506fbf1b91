package ai.fromscratch.lm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The previous version's steering (see {@code engine.SteeringBaseline}), kept for the benchmarks'
 * baseline: a main model's distribution steered by a small context model (say, one estimated from
 * passages retrieved for a question): p(w) = (1 - λ) p_main(w) + λ p_context(w), over the main
 * model's word ids. The context model's probabilities are renormalized over its own words, without
 * its {@code <unk>}; words it does not know get none of its mass.
 *
 * <p>Levels: first every word the context model knows (its continuations, then the rest of its
 * small vocabulary), then the main model's levels, then the main model's rest. Each word is offered
 * once, with its full mixed probability, so sampling stays exact and a step still never scans the
 * main vocabulary.
 */
public final class MixedDistribution implements NextWordDistribution {
  private final NextWordDistribution main;
  private final NextWordDistribution context;
  private final double weight;

  /** context id -> main id ({@code <unk>} when the main model lacks the word). */
  private final int[] contextToMain;

  /** main ids of the context words, sorted, and their context ids. */
  private final int[] mainIds;

  private final int[] contextIds;
  private final int contextVocabulary;

  /** Context words the main model does not know: their mass is taken out of the context side. */
  private final int[] unmapped;

  private final Candidates scratch = new Candidates();
  private final WordSet contextOffered = new WordSet();
  private double contextKnownMass;
  private boolean contextLevelsDone;
  private boolean contextRestDone;

  /**
   * @param weight λ, the share of the context model, from 0 to 1
   */
  public MixedDistribution(
      NextWordDistribution main,
      Vocabulary mainVocabulary,
      NextWordDistribution context,
      Vocabulary contextVocabulary,
      double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("weight must be from 0 to 1, got " + weight);
    }
    this.main = main;
    this.context = context;
    this.weight = weight;
    this.contextVocabulary = contextVocabulary.size();
    contextToMain = new int[contextVocabulary.size()];
    long[] pairs = new long[contextVocabulary.size()];
    int[] lost = new int[contextVocabulary.size()];
    int mapped = 0;
    int lostCount = 0;
    for (int id = 0; id < contextToMain.length; id++) {
      int mainId =
          id == Vocabulary.UNK || id == Vocabulary.BOS || id == Vocabulary.EOS
              ? id
              : mainVocabulary.id(contextVocabulary.word(id));
      contextToMain[id] = mainId;
      if (mainId != Vocabulary.UNK) {
        pairs[mapped++] = (long) mainId << 32 | id;
      } else if (id != Vocabulary.UNK) {
        lost[lostCount++] = id;
      }
    }
    unmapped = Arrays.copyOf(lost, lostCount);
    Arrays.sort(pairs, 0, mapped);
    mainIds = new int[mapped];
    contextIds = new int[mapped];
    for (int i = 0; i < mapped; i++) {
      mainIds[i] = (int) (pairs[i] >>> 32);
      contextIds[i] = (int) pairs[i];
    }
    reset();
  }

  private int toContext(int mainWord) {
    int at = Arrays.binarySearch(mainIds, mainWord);
    return at < 0 ? Vocabulary.UNK : contextIds[at];
  }

  @Override
  public void reset() {
    main.reset();
    context.reset();
    rewind();
  }

  @Override
  public void append(int word) {
    main.append(word);
    context.append(toContext(word));
    rewind();
  }

  @Override
  public double probability(int word) {
    double mixed = (1 - weight) * main.probability(word);
    return word == Vocabulary.UNK ? mixed : mixed + weight * contextProbability(toContext(word));
  }

  /** The context model's probability of a word, renormalized over the words both models know. */
  private double contextProbability(int contextWord) {
    if (contextWord == Vocabulary.UNK || contextKnownMass <= 0) {
      return 0;
    }
    return context.probability(contextWord) / contextKnownMass;
  }

  @Override
  public void rewind() {
    main.rewind();
    context.rewind();
    contextOffered.clear();
    double known = 1 - context.probability(Vocabulary.UNK);
    for (int id : unmapped) {
      known -= context.probability(id);
    }
    contextKnownMass = known;
    contextLevelsDone = false;
    contextRestDone = false;
  }

  @Override
  public boolean offerNextLevel(Candidates out, WordSet offered) {
    if (!contextLevelsDone) {
      scratch.clear();
      if (context.offerNextLevel(scratch, contextOffered)) {
        offerContextWords(scratch, out, offered);
        return true;
      }
      contextLevelsDone = true;
    }
    if (!contextRestDone) {
      contextRestDone = true;
      scratch.clear();
      for (int id = Vocabulary.EOS; id < contextVocabulary; id++) {
        if (contextOffered.add(id)) {
          scratch.add(id, context.probability(id));
        }
      }
      offerContextWords(scratch, out, offered);
      return true;
    }
    scratch.clear();
    if (!main.offerNextLevel(scratch, offered)) {
      return false;
    }
    offerMainWords(scratch, out);
    return true;
  }

  private void offerContextWords(Candidates words, Candidates out, WordSet offered) {
    for (int i = 0; i < words.size(); i++) {
      int mainWord = contextToMain[words.word(i)];
      if (mainWord != Vocabulary.UNK && mainWord != Vocabulary.BOS && offered.add(mainWord)) {
        out.add(
            mainWord,
            (1 - weight) * main.probability(mainWord)
                + weight * words.probability(i) / Math.max(contextKnownMass, Double.MIN_VALUE));
      }
    }
  }

  /** Main-level words were not offered by the context side, so its share is only theirs to add. */
  private void offerMainWords(Candidates words, Candidates out) {
    for (int i = 0; i < words.size(); i++) {
      int word = words.word(i);
      out.add(
          word, (1 - weight) * words.probability(i) + weight * contextProbability(toContext(word)));
    }
  }

  @Override
  public void offerMostProbable(int max, Candidates out, WordSet offered) {
    scratch.clear();
    main.offerMostProbable(max, scratch, offered);
    offerMainWords(scratch, out);
  }

  @Override
  public int sampleRest(SplittableRandom random, WordSet offered) {
    return main.sampleRest(random, offered);
  }
}
