package ai.fromscratch.lm;

import java.util.SplittableRandom;

/**
 * A next-word distribution over the model's word ids, offered level by level (the seen
 * continuations of the longest context, then of shorter ones, then the rest of the vocabulary), so
 * a sampler never scores the whole vocabulary. It never offers {@code <s>} or {@code <unk>}.
 * Implementations hold the history and are used by one thread at a time.
 */
public interface NextWordDistribution {
  /** Forgets the history: the next word starts a sentence. */
  void reset();

  /** Appends a word to the history and rewinds the levels. */
  void append(int word);

  /** p(word | history). */
  double probability(int word);

  /** Starts offering from the longest context again. */
  void rewind();

  /**
   * Adds to {@code out} the words of the next level not already in {@code offered}, with their
   * probability p(word | history), and adds them to {@code offered}. Returns false, adding nothing,
   * when only the rest of the vocabulary is left.
   */
  boolean offerNextLevel(Candidates out, WordSet offered);

  /** Adds up to {@code max} of the most probable words not in {@code offered} (and marks them). */
  void offerMostProbable(int max, Candidates out, WordSet offered);

  /** Draws a word not in {@code offered} with probability proportional to p(word | history). */
  int sampleRest(SplittableRandom random, WordSet offered);
}
