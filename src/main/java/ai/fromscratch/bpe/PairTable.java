package ai.fromscratch.bpe;

import java.util.Arrays;

/**
 * The trainer's pair statistics: for each adjacent pair of symbols, its weighted count and the
 * words it has occurred in (an index that may hold words the pair has since left, checked when
 * used). Open addressing over packed pair keys; entries are never removed, only emptied.
 */
final class PairTable {
  private static final long EMPTY = -1;
  private static final int[] NO_WORDS = new int[0];

  private long[] keys;
  private long[] counts;
  private int[][] words;
  private int[] wordCounts;
  private int[] marks;
  private int size;

  PairTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    counts = new long[capacity];
    words = new int[capacity][];
    wordCounts = new int[capacity];
    marks = new int[capacity];
  }

  /** The slot of the pair, created empty when absent. */
  int slot(int left, int right) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    long key = PairMap.key(left, right);
    int mask = keys.length - 1;
    int slot = PairMap.hash(key) & mask;
    while (keys[slot] != key) {
      if (keys[slot] == EMPTY) {
        keys[slot] = key;
        words[slot] = NO_WORDS;
        size++;
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Adds {@code delta} occurrences; a positive change also records the word. */
  void add(int left, int right, long delta, int word) {
    int slot = slot(left, right);
    counts[slot] += delta;
    if (delta > 0) {
      int n = wordCounts[slot];
      // A word adds its pairs one after another, so a repeat is always the last entry.
      if (n > 0 && words[slot][n - 1] == word) {
        return;
      }
      if (n == words[slot].length) {
        words[slot] = Arrays.copyOf(words[slot], Math.max(4, n * 2));
      }
      words[slot][n] = word;
      wordCounts[slot] = n + 1;
    }
  }

  long count(int left, int right) {
    return counts[slot(left, right)];
  }

  /** The words the pair has occurred in; {@link #wordCount} of them are valid. */
  int[] words(int slot) {
    return words[slot];
  }

  int wordCount(int slot) {
    return wordCounts[slot];
  }

  void dropWords(int slot) {
    words[slot] = NO_WORDS;
    wordCounts[slot] = 0;
  }

  /** Marks the slot with {@code stamp}; false when it already carried that stamp. */
  boolean mark(int slot, int stamp) {
    if (marks[slot] == stamp) {
      return false;
    }
    marks[slot] = stamp;
    return true;
  }

  int left(int slot) {
    return (int) (keys[slot] >>> 32);
  }

  int right(int slot) {
    return (int) keys[slot];
  }

  long countAt(int slot) {
    return counts[slot];
  }

  int capacity() {
    return keys.length;
  }

  boolean used(int slot) {
    return keys[slot] != EMPTY;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    int[][] oldWords = words;
    int[] oldWordCounts = wordCounts;
    int[] oldMarks = marks;
    allocate(oldKeys.length * 2);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] == EMPTY) {
        continue;
      }
      int slot = PairMap.hash(oldKeys[i]) & mask;
      while (keys[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = oldKeys[i];
      counts[slot] = oldCounts[i];
      words[slot] = oldWords[i];
      wordCounts[slot] = oldWordCounts[i];
      marks[slot] = oldMarks[i];
    }
  }
}
