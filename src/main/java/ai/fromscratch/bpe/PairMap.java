package ai.fromscratch.bpe;

import java.util.Arrays;

/** An open-addressing map from a pair of token ids to an int, without boxing; -1 means absent. */
final class PairMap {
  private static final long EMPTY = -1;

  private long[] keys;
  private int[] values;
  private int size;

  PairMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(keys, EMPTY);
  }

  static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  int get(int left, int right) {
    long key = key(left, right);
    int mask = keys.length - 1;
    for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      if (keys[slot] == key) {
        return values[slot];
      }
      if (keys[slot] == EMPTY) {
        return -1;
      }
    }
  }

  void put(int left, int right, int value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    long key = key(left, right);
    int mask = keys.length - 1;
    int slot = hash(key) & mask;
    while (keys[slot] != EMPTY && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    if (keys[slot] == EMPTY) {
      keys[slot] = key;
      size++;
    }
    values[slot] = value;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put((int) (oldKeys[i] >>> 32), (int) oldKeys[i], oldValues[i]);
      }
    }
  }

  static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
