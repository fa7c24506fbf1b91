package ai.fromscratch.lm;

/**
 * A backoff n-gram model as a forward trie over sorted primitive arrays. Level 0 holds the
 * unigrams, indexed by word id; level l holds the n-grams of order l + 1 grouped by their prefix
 * node and sorted by last word. The continuations of node i of level l are the nodes {@code
 * childStarts[l][i] .. childStarts[l][i + 1] - 1} of level l + 1. Probabilities and backoffs are
 * log10 floats; the highest order has no backoffs or children. The arrays are columns: on the heap
 * as estimated, or mapped from the model file as served, so a served model costs no heap beyond its
 * vocabulary.
 */
public final class NgramModel {
  /** The log10 probability stored for impossible events such as {@code <s>} as a next word. */
  public static final float LOG10_ZERO = -99f;

  private final Vocabulary vocabulary;
  private final int order;
  private final IntColumn[] words;
  private final FloatColumn[] probs;
  private final FloatColumn[] backoffs;
  private final IntColumn[] childStarts;
  private final boolean mapped;

  /** A model on the heap, from the arrays of each level (words[0] is ignored). */
  NgramModel(
      Vocabulary vocabulary,
      int[][] words,
      float[][] probs,
      float[][] backoffs,
      int[][] childStarts) {
    this(
        vocabulary,
        columns(words, IntColumn::of, new IntColumn[probs.length], 1, probs.length),
        columns(probs, FloatColumn::of, new FloatColumn[probs.length], 0, probs.length),
        columns(backoffs, FloatColumn::of, new FloatColumn[probs.length], 0, probs.length - 1),
        columns(childStarts, IntColumn::of, new IntColumn[probs.length], 0, probs.length - 1),
        false);
  }

  /** A model over columns (index = level; words[0] and the last level's others are null). */
  NgramModel(
      Vocabulary vocabulary,
      IntColumn[] words,
      FloatColumn[] probs,
      FloatColumn[] backoffs,
      IntColumn[] childStarts,
      boolean mapped) {
    this.vocabulary = vocabulary;
    this.order = probs.length;
    this.words = words;
    this.probs = probs;
    this.backoffs = backoffs;
    this.childStarts = childStarts;
    this.mapped = mapped;
    if (probs[0].length() != vocabulary.size()) {
      throw new IllegalArgumentException("unigram count differs from vocabulary size");
    }
    for (int level = 0; level < order; level++) {
      boolean last = level == order - 1;
      int size = probs[level].length();
      if (level > 0 && words[level].length() != size
          || !last && (backoffs[level].length() != size || childStarts[level].length() != size + 1)
          || !last && childStarts[level].get(size) != probs[level + 1].length()) {
        throw new IllegalArgumentException("inconsistent arrays at order " + (level + 1));
      }
    }
  }

  private static <A, C> C[] columns(
      A[] arrays, java.util.function.Function<A, C> column, C[] into, int from, int to) {
    for (int level = from; level < to; level++) {
      into[level] = column.apply(arrays[level]);
    }
    return into;
  }

  public int order() {
    return order;
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** Number of stored n-grams of this order (1..order). */
  public int ngramCount(int ngramOrder) {
    return probs[ngramOrder - 1].length();
  }

  public long totalNgrams() {
    long total = 0;
    for (FloatColumn level : probs) {
      total += level.length();
    }
    return total;
  }

  /** Bytes of the model's arrays and vocabulary, wherever they are held. */
  public long memoryBytes() {
    long bytes = vocabulary.memoryBytes();
    for (int level = 0; level < order; level++) {
      bytes += arrayBytes(level);
    }
    return bytes;
  }

  /** Bytes of the model held on the heap: all of it, or only the vocabulary when mapped. */
  public long heapBytes() {
    return mapped ? vocabulary.memoryBytes() : memoryBytes();
  }

  /** Whether the model's arrays are mapped from its file rather than held on the heap. */
  public boolean isMapped() {
    return mapped;
  }

  private long arrayBytes(int level) {
    long count = probs[level].length();
    long bytes = 4 * count;
    bytes += level > 0 ? 4 * count : 0;
    bytes += level < order - 1 ? 4 * (2 * count + 1) : 0;
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
      state.backoffs[0] = backoffs[0].get(Vocabulary.BOS);
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
    float log10 = probs[0].get(word);
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
      log10 = probs[matched].get(child);
      if (matched < maxContext) {
        outNodes[matched] = child;
      }
    }
    for (int j = matched; j < in.length; j++) {
      log10 += in.backoffs[j];
    }
    int outLength = Math.min(matched + 1, maxContext);
    for (int j = 0; j < outLength; j++) {
      out.backoffs[j] = backoffs[j].get(outNodes[j]);
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
  static int findChild(IntColumn starts, IntColumn candidates, int node, int word) {
    int low = starts.get(node);
    int high = starts.get(node + 1) - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int value = candidates.get(middle);
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
    return childStarts[level].get(node);
  }

  int childEnd(int level, int node) {
    return childStarts[level].get(node + 1);
  }

  /** The last word of n-gram {@code index} of this level (1 or more). */
  int word(int level, int index) {
    return words[level].get(index);
  }

  /** The log10 probability of n-gram {@code index} of this level. */
  float prob(int level, int index) {
    return probs[level].get(index);
  }

  /** The log10 backoff of n-gram {@code index} of this level (below the highest). */
  float backoff(int level, int index) {
    return backoffs[level].get(index);
  }

  IntColumn words(int level) {
    return words[level];
  }

  FloatColumn probs(int level) {
    return probs[level];
  }

  FloatColumn backoffs(int level) {
    return backoffs[level];
  }

  IntColumn childStarts(int level) {
    return childStarts[level];
  }
}
