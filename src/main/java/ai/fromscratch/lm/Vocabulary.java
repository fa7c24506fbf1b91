package ai.fromscratch.lm;

import java.util.List;

/**
 * The model's words and their ids: 0 {@code <unk>}, 1 {@code <s>}, 2 {@code </s>}, then the other
 * words by descending unigram probability (ties by string), stored in one char blob.
 */
public final class Vocabulary {
  public static final int UNK = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;
  public static final String UNK_WORD = "<unk>";
  public static final String BOS_WORD = "<s>";
  public static final String EOS_WORD = "</s>";

  private final WordTable table;

  private Vocabulary(WordTable table) {
    this.table = table;
  }

  /** Builds a vocabulary from its words in id order; the first three must be the markers. */
  public static Vocabulary of(List<String> wordsInIdOrder) {
    WordTable table = new WordTable(wordsInIdOrder.size());
    for (String word : wordsInIdOrder) {
      int expectedId = table.size();
      if (table.add(word) != expectedId) {
        throw new IllegalArgumentException("duplicate word in vocabulary: " + word);
      }
    }
    return of(table);
  }

  static Vocabulary of(WordTable table) {
    if (table.size() < 3
        || table.find(UNK_WORD) != UNK
        || table.find(BOS_WORD) != BOS
        || table.find(EOS_WORD) != EOS) {
      throw new IllegalArgumentException("a vocabulary starts with <unk>, <s>, </s> (ids 0, 1, 2)");
    }
    table.trim();
    return new Vocabulary(table);
  }

  public int size() {
    return table.size();
  }

  public String word(int id) {
    return table.word(id);
  }

  /** The id of a word, or {@link #UNK} when the word is not in the vocabulary. */
  public int id(String word) {
    int id = table.find(word);
    return id < 0 ? UNK : id;
  }

  public boolean contains(String word) {
    return table.find(word) >= 0;
  }

  /**
   * About the most heap a vocabulary of this many words and characters takes while it is read and
   * served: its table (characters, offsets, hash slots, as they grow) and the arrays of its size a
   * served model keeps beside it (the unigram sampler's).
   */
  public static long heapBytes(long words, long chars) {
    return 6 * chars + 48 * words;
  }

  /** Bytes held by the vocabulary's arrays. */
  public long memoryBytes() {
    return table.memoryBytes();
  }

  WordTable table() {
    return table;
  }
}
