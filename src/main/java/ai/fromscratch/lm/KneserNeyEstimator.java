package ai.fromscratch.lm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Estimates an interpolated modified Kneser-Ney model the way KenLM's lmplz does, by sorting
 * instead of hashing: the corpus becomes one int[] of ids; for each order k the positions are
 * counting-sorted by (id of the (k-1)-gram ending just before, next word), so the distinct k-grams
 * come out in forward-trie order. Per position the id of the k-gram ending there, and per k-gram
 * the id of its suffix, give adjusted counts, discounts and interpolated probabilities in linear
 * passes.
 */
public final class KneserNeyEstimator implements NgramEstimator {
  private static final int REPORT_EVERY = 1 << 14;

  private final EstimationOptions options;

  public KneserNeyEstimator(EstimationOptions options) {
    this.options = options;
  }

  /**
   * About the most heap an estimation of this order takes for a corpus of this many ids (tokens
   * plus two markers a sentence): the corpus and its sorted positions, then 16 to 20 bytes per
   * n-gram, at most one n-gram per position and order. Measured: Brown (1.28 M ids, order 4) needs
   * between 80 and 100 MB; this says 107 MB.
   */
  public static long heapBytes(long ids, int order) {
    return ids * (24 + 20L * (order - 1));
  }

  @Override
  public EstimationResult estimate(Iterable<String[]> sentences, ProgressListener progress) {
    IntList ids = new IntList();
    CorpusEncoder corpus = new CorpusEncoder(ids::add);
    long read = 0;
    for (String[] sentence : sentences) {
      corpus.addSentence(sentence);
      if (++read % REPORT_EVERY == 0) {
        progress.progress("reading", read, -1);
      }
    }
    progress.progress("reading", read, read);
    return estimate(corpus, ids.toArray(), progress);
  }

  @Override
  public EstimationResult estimatePretokenized(Path file, ProgressListener progress)
      throws IOException {
    IntList ids = new IntList();
    CorpusEncoder corpus = new CorpusEncoder(ids::add);
    corpus.addPretokenizedFile(file, progress);
    return estimate(corpus, ids.toArray(), progress);
  }

  private EstimationResult estimate(CorpusEncoder corpus, int[] text, ProgressListener progress) {
    if (corpus.sentences() == 0) {
      throw new IllegalArgumentException("the corpus is empty: there is no sentence to learn from");
    }
    int order = options.order();
    NgramLevels levels = new NgramLevels(order);
    int length = text.length;
    // Positions q whose next position q + 1 ends an n-gram of order 2 or more (not a <s>).
    int[] followed = positionsFollowedByWord(text, length);
    Vocabulary vocabulary = estimateUnigrams(corpus.words(), text, followed, levels);
    int[] byWord = CountingSort.sort(followed, followed.length, text, 1, vocabulary.size());
    followed = null;
    countHigherOrders(text, byWord, levels, progress);
    adjustCounts(levels);
    List<Discounts> discounts = new ArrayList<>(List.of(levels.discounts[0]));
    for (int level = 1; level < order; level++) {
      levels.discounts[level] = discounts(level + 1, levels.counts[level]);
      discounts.add(levels.discounts[level]);
    }
    interpolate(levels, progress);
    if (levels.pruned != null) {
      Pruning.compact(levels);
    }
    NgramModel model =
        new NgramModel(vocabulary, levels.words, levels.probs, levels.backoffs, levels.childStarts);
    return new EstimationResult(model, discounts, corpus.sentences(), corpus.tokens());
  }

  private static int[] positionsFollowedByWord(int[] text, int length) {
    int count = 0;
    for (int q = 0; q + 1 < length; q++) {
      if (text[q + 1] != Vocabulary.BOS) {
        count++;
      }
    }
    int[] positions = new int[count];
    int next = 0;
    for (int q = 0; q + 1 < length; q++) {
      if (text[q + 1] != Vocabulary.BOS) {
        positions[next++] = q;
      }
    }
    return positions;
  }

  /**
   * Counts and smooths the unigrams, then renumbers the words by descending probability (the ids
   * the trie is sorted by) and rewrites the corpus with the new ids.
   */
  private Vocabulary estimateUnigrams(
      WordTable words, int[] text, int[] followed, NgramLevels levels) {
    int size = words.size();
    int[] counts =
        options.order() == 1
            ? rawUnigramCounts(text, text.length, size)
            : continuationCounts(text, followed, size);
    Unigrams unigrams = Unigrams.estimate(words, counts, options.discountFallback());
    for (int i = 0; i < text.length; i++) {
      text[i] = unigrams.newId[text[i]];
    }
    levels.sizes[0] = size;
    levels.counts[0] = unigrams.counts;
    levels.probs[0] = unigrams.log10;
    levels.unigramProbabilities = unigrams.probabilities;
    levels.discounts[0] = unigrams.discounts;
    levels.bosStart[0] = Vocabulary.BOS;
    levels.bosEnd[0] = Vocabulary.BOS + 1;
    return unigrams.vocabulary;
  }

  private static int[] rawUnigramCounts(int[] text, int length, int size) {
    int[] counts = new int[size];
    for (int i = 0; i < length; i++) {
      if (text[i] != Vocabulary.BOS) {
        counts[text[i]]++;
      }
    }
    return counts;
  }

  /** The number of distinct words (including {@code <s>}) seen before each word. */
  private static int[] continuationCounts(int[] text, int[] followed, int size) {
    int[] byWord = CountingSort.sort(followed, followed.length, text, 1, size);
    int[] counts = new int[size];
    int[] lastFollower = new int[size];
    Arrays.fill(lastFollower, -1);
    for (int q : byWord) {
      int word = text[q + 1];
      int before = text[q];
      if (lastFollower[before] != word) {
        lastFollower[before] = word;
        counts[word]++;
      }
    }
    return counts;
  }

  /** Finds the distinct n-grams of orders 2..N with their raw counts, in forward-trie order. */
  private static void countHigherOrders(
      int[] text, int[] byWord, NgramLevels levels, ProgressListener progress) {
    int order = levels.order();
    // nodeAt[q]: id of the (level)-gram ending at position q, or -1; for unigrams the word itself.
    int[] nodeAt = text;
    for (int level = 1; level < order; level++) {
      progress.progress("counting", level + 1, order);
      int parents = levels.sizes[level - 1];
      int[] sorted = CountingSort.sort(byWord, byWord.length, nodeAt, 0, parents);
      int distinct = 0;
      int lastParent = -1;
      int lastWord = -1;
      for (int q : sorted) {
        if (nodeAt[q] != lastParent || text[q + 1] != lastWord) {
          lastParent = nodeAt[q];
          lastWord = text[q + 1];
          distinct++;
        }
      }
      int[] words = new int[distinct];
      int[] counts = new int[distinct];
      int[] suffixes = new int[distinct];
      int[] starts = new int[parents + 1];
      int[] nextNodeAt = level + 1 < order ? new int[text.length] : null;
      if (nextNodeAt != null) {
        Arrays.fill(nextNodeAt, -1);
      }
      int id = -1;
      lastParent = -1;
      lastWord = -1;
      for (int q : sorted) {
        int parent = nodeAt[q];
        int word = text[q + 1];
        if (parent != lastParent || word != lastWord) {
          id++;
          words[id] = word;
          suffixes[id] = nodeAt[q + 1];
          starts[parent + 1]++;
          lastParent = parent;
          lastWord = word;
        }
        counts[id]++;
        if (nextNodeAt != null) {
          nextNodeAt[q + 1] = id;
        }
      }
      for (int parent = 0; parent < parents; parent++) {
        starts[parent + 1] += starts[parent];
      }
      levels.sizes[level] = distinct;
      levels.words[level] = words;
      levels.counts[level] = counts;
      levels.suffixes[level] = suffixes;
      levels.childStarts[level - 1] = starts;
      levels.bosStart[level] = starts[levels.bosStart[level - 1]];
      levels.bosEnd[level] = starts[levels.bosEnd[level - 1]];
      nodeAt = nextNodeAt;
    }
  }

  /**
   * Replaces the raw counts of orders 2..N-1 by continuation counts: the number of distinct words
   * seen before the n-gram. N-grams starting with {@code <s>} keep their raw count, since nothing
   * can come before {@code <s>}. The highest order keeps raw counts.
   */
  private static void adjustCounts(NgramLevels levels) {
    for (int level = levels.order() - 2; level >= 1; level--) {
      int[] counts = levels.counts[level];
      Arrays.fill(counts, 0, levels.bosStart[level], 0);
      Arrays.fill(counts, levels.bosEnd[level], counts.length, 0);
      for (int suffix : levels.suffixes[level + 1]) {
        counts[suffix]++;
      }
    }
  }

  private Discounts discounts(int order, int[] adjustedCounts) {
    return Discounts.of(
        order, Discounts.countsOfCounts(adjustedCounts), options.discountFallback());
  }

  /**
   * For each context h: p(w|h) = (a(hw) - D(a)) / S(h) + gamma(h) p(w|h'), where S(h) sums the
   * adjusted counts of h's continuations and gamma(h) is the discounted mass (plus, when pruning,
   * the whole mass of the pruned continuations, so each distribution still sums to one).
   */
  private void interpolate(NgramLevels levels, ProgressListener progress) {
    int order = levels.order();
    double[] lower = levels.unigramProbabilities;
    levels.unigramProbabilities = null;
    boolean[] lowerPruned = null;
    for (int level = 1; level < order; level++) {
      progress.progress("smoothing", level + 1, order);
      int threshold = options.pruneThreshold(level + 1);
      Discounts discounts = levels.discounts[level];
      int[] counts = levels.counts[level];
      int[] suffixes = levels.suffixes[level];
      int[] starts = levels.childStarts[level - 1];
      int parents = levels.sizes[level - 1];
      double[] probabilities = new double[levels.sizes[level]];
      float[] log10 = new float[probabilities.length];
      float[] parentBackoffs = new float[parents];
      boolean[] pruned = threshold > 0 ? new boolean[probabilities.length] : null;
      for (int parent = 0; parent < parents; parent++) {
        int from = starts[parent];
        int to = starts[parent + 1];
        if (from == to) {
          continue;
        }
        long total = 0;
        double gammaMass = 0;
        for (int g = from; g < to; g++) {
          total += counts[g];
          if (pruned != null
              && (counts[g] <= threshold
                  || isPruned(lowerPruned, parent)
                  || isPruned(lowerPruned, suffixes[g]))) {
            pruned[g] = true;
            gammaMass += counts[g];
          } else {
            gammaMass += discounts.forCount(counts[g]);
          }
        }
        double gamma = gammaMass / total;
        parentBackoffs[parent] = Unigrams.log10(gamma);
        for (int g = from; g < to; g++) {
          double p =
              (counts[g] - discounts.forCount(counts[g])) / total + gamma * lower[suffixes[g]];
          probabilities[g] = p;
          log10[g] = Unigrams.log10(p);
        }
      }
      levels.backoffs[level - 1] = parentBackoffs;
      levels.probs[level] = log10;
      levels.counts[level] = null;
      levels.suffixes[level] = null;
      if (pruned != null) {
        if (levels.pruned == null) {
          levels.pruned = new boolean[order][];
        }
        levels.pruned[level] = pruned;
      }
      lower = probabilities;
      lowerPruned = pruned;
    }
  }

  private static boolean isPruned(boolean[] pruned, int id) {
    return pruned != null && pruned[id];
  }
}
