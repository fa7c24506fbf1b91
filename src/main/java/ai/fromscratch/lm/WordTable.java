package ai.fromscratch.lm;

import java.util.Arrays;

/**
 * A growable string-to-id table: every word's characters live in one char[] blob, found through an
 * open-addressing int[] table, so counting a corpus creates no String per token.
 */
final class WordTable {
  private static final int EMPTY = -1;

  private char[] chars = new char[1 << 12];
  private int charCount;
  private int[] offsets = new int[1 << 10];
  private int size;
  private int[] slots;
  private int mask;

  WordTable() {
    this(16);
  }

  WordTable(int expectedSize) {
    int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2) - 1) << 1;
    slots = new int[capacity];
    Arrays.fill(slots, EMPTY);
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  /** Returns the id of the word in {@code text[from, to)}, or -1. */
  int find(char[] text, int from, int to) {
    for (int slot = hash(text, from, to) & mask; ; slot = (slot + 1) & mask) {
      int id = slots[slot];
      if (id == EMPTY || equals(id, text, from, to)) {
        return id;
      }
    }
  }

  /** Returns the id of a word, or -1 (no copy of the string is made). */
  int find(String word) {
    for (int slot = hash(word) & mask; ; slot = (slot + 1) & mask) {
      int id = slots[slot];
      if (id == EMPTY || equals(id, word)) {
        return id;
      }
    }
  }

  /** Returns the id of the word in {@code text[from, to)}, adding it with the next id if new. */
  int add(char[] text, int from, int to) {
    int slot = hash(text, from, to) & mask;
    for (; ; slot = (slot + 1) & mask) {
      int id = slots[slot];
      if (id == EMPTY) {
        break;
      }
      if (equals(id, text, from, to)) {
        return id;
      }
    }
    int id = append(text, from, to);
    slots[slot] = id;
    if (size * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  int add(String word) {
    return add(word.toCharArray(), 0, word.length());
  }

  String word(int id) {
    return new String(chars, offsets[id], offsets[id + 1] - offsets[id]);
  }

  /** The characters of all words, word after word (shared, not copied). */
  char[] blob() {
    return chars;
  }

  int blobLength() {
    return charCount;
  }

  int offset(int id) {
    return offsets[id];
  }

  long memoryBytes() {
    return 2L * chars.length + 4L * offsets.length + 4L * slots.length;
  }

  /** Drops spare capacity once no more words will be added. */
  void trim() {
    chars = Arrays.copyOf(chars, charCount);
    offsets = Arrays.copyOf(offsets, size + 1);
  }

  private int append(char[] text, int from, int to) {
    int length = to - from;
    if (charCount + length > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + length));
    }
    System.arraycopy(text, from, chars, charCount, length);
    charCount += length;
    if (size + 2 > offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[size + 1] = charCount;
    return size++;
  }

  private boolean equals(int id, char[] text, int from, int to) {
    int start = offsets[id];
    return offsets[id + 1] - start == to - from
        && Arrays.equals(chars, start, start + (to - from), text, from, to);
  }

  private boolean equals(int id, String word) {
    int start = offsets[id];
    if (offsets[id + 1] - start != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (chars[start + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void rehash() {
    int capacity = slots.length * 2;
    slots = new int[capacity];
    Arrays.fill(slots, EMPTY);
    mask = capacity - 1;
    for (int id = 0; id < size; id++) {
      int slot = hash(chars, offsets[id], offsets[id + 1]) & mask;
      while (slots[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = id;
    }
  }

  private static int hash(char[] text, int from, int to) {
    int h = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      h = (h ^ text[i]) * 0x01000193;
    }
    return spread(h);
  }

  private static int hash(String word) {
    int h = 0x811c9dc5;
    for (int i = 0; i < word.length(); i++) {
      h = (h ^ word.charAt(i)) * 0x01000193;
    }
    return spread(h);
  }

  /** MurmurHash3's finalizer: spreads the FNV bits over the low bits used as the slot index. */
  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }
}
