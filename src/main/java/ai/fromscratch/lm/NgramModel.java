package ai.fromscratch.lm;

/**
 * A backoff n-gram model as a forward trie over sorted primitive arrays. Level 0 holds the
 * unigrams, indexed by word id; level l holds the n-grams of order l + 1 grouped by their prefix
 * node and sorted by last word. The continuations of node i of level l are the nodes {@code
 * childStarts[l][i] .. childStarts[l][i + 1] - 1} of level l + 1. Probabilities and backoffs are
 * log10 floats; the highest order has no backoffs or children.
 */
public final class NgramModel {
  /** The log10 probability stored for impossible events such as {@code <s>} as a next word. */
  public static final float LOG10_ZERO = -99f;

  private final Vocabulary vocabulary;
  private final int order;
  final int[][] words;
  final float[][] probs;
  final float[][] backoffs;
  final int[][] childStarts;

  NgramModel(
      Vocabulary vocabulary,
      int[][] words,
      float[][] probs,
      float[][] backoffs,
      int[][] childStarts) {
    this.vocabulary = vocabulary;
    this.order = probs.length;
    this.words = words;
    this.probs = probs;
    this.backoffs = backoffs;
    this.childStarts = childStarts;
    if (probs[0].length != vocabulary.size()) {
      throw new IllegalArgumentException("unigram count differs from vocabulary size");
    }
    for (int level = 0; level < order; level++) {
      boolean last = level == order - 1;
      int size = probs[level].length;
      if (level > 0 && words[level].length != size
          || !last && (backoffs[level].length != size || childStarts[level].length != size + 1)
          || !last && childStarts[level][size] != probs[level + 1].length) {
        throw new IllegalArgumentException("inconsistent arrays at order " + (level + 1));
      }
    }
    words[0] = null;
  }

  public int order() {
    return order;
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** Number of stored n-grams of this order (1..order). */
  public int ngramCount(int ngramOrder) {
    return probs[ngramOrder - 1].length;
  }

  public long totalNgrams() {
    long total = 0;
    for (float[] level : probs) {
      total += level.length;
    }
    return total;
  }

  /** Bytes held by the model's arrays and vocabulary. */
  public long memoryBytes() {
    long bytes = vocabulary.memoryBytes();
    for (int level = 0; level < order; level++) {
      bytes += 4L * probs[level].length;
      bytes += level > 0 ? 4L * words[level].length : 0;
      bytes += level < order - 1 ? 4L * (backoffs[level].length + childStarts[level].length) : 0;
    }
    return bytes;
  }

  /** A state with no context at all. */
  public ContextState newState() {
    return new ContextState(order);
  }

  /** The state at the start of a sentence: the context is {@code <s>}. */
  public ContextState sentenceStart() {
    ContextState state = newState();
    if (order > 1) {
      state.nodes[0] = Vocabulary.BOS;
      state.backoffs[0] = backoffs[0][Vocabulary.BOS];
      state.length = 1;
    }
    return state;
  }

  /**
   * log10 p(word | context in {@code in}) and the state after the word, as KenLM's FullScore: the
   * probability of the longest stored n-gram (suffix of the context + word) plus the backoffs of
   * the longer contexts. {@code in} and {@code out} must be different objects.
   */
  public float score(ContextState in, int word, ContextState out) {
    if (in == out) {
      throw new IllegalArgumentException("score needs two different states");
    }
    float log10 = probs[0][word];
    int matched = 0;
    int maxContext = order - 1;
    int[] outNodes = out.nodes;
    outNodes[0] = word;
    for (int j = 0; j < in.length; j++) {
      int child = findChild(j, in.nodes[j], word);
      if (child < 0) {
        break;
      }
      matched = j + 1;
      log10 = probs[matched][child];
      if (matched < maxContext) {
        outNodes[matched] = child;
      }
    }
    for (int j = matched; j < in.length; j++) {
      log10 += in.backoffs[j];
    }
    int outLength = Math.min(matched + 1, maxContext);
    for (int j = 0; j < outLength; j++) {
      out.backoffs[j] = backoffs[j][outNodes[j]];
    }
    out.length = outLength;
    out.ngramLength = matched + 1;
    return log10;
  }

  /**
   * log10 p(word | context), the context given oldest word first (it may start with {@code <s>}).
   */
  public double log10Probability(int[] context, int word) {
    ContextState state = newState();
    ContextState next = newState();
    for (int w : context) {
      score(state, w, next);
      ContextState swap = state;
      state = next;
      next = swap;
    }
    return score(state, word, next);
  }

  /** The child of {@code node} (at trie level {@code level}) for {@code word}, or -1. */
  int findChild(int level, int node, int word) {
    return findChild(childStarts[level], words[level + 1], node, word);
  }

  /** Binary search of {@code word} among the children of {@code node}. */
  static int findChild(int[] starts, int[] candidates, int node, int word) {
    int low = starts[node];
    int high = starts[node + 1] - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int value = candidates[middle];
      if (value < word) {
        low = middle + 1;
      } else if (value > word) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -1;
  }

  int childStart(int level, int node) {
    return childStarts[level][node];
  }

  int childEnd(int level, int node) {
    return childStarts[level][node + 1];
  }
}
