package ai.fromscratch.lm;

/**
 * What a scorer remembers of the words so far, as in KenLM: the trie nodes of the most recent
 * 1..N-1 words that exist in the model and their backoffs. Mutable and reused between words.
 */
public final class ContextState {
  /** nodes[j]: the node, at trie level j, of the context made of the last j + 1 words. */
  final int[] nodes;

  final float[] backoffs;
  int length;

  /** Length of the n-gram matched by the last score (1 = unigram), as KenLM's query prints it. */
  int ngramLength;

  ContextState(int order) {
    nodes = new int[Math.max(1, order - 1)];
    backoffs = new float[nodes.length];
  }

  public int length() {
    return length;
  }

  public int ngramLength() {
    return ngramLength;
  }
}
