package ai.fromscratch.copy;

import java.util.Arrays;

/**
 * Counts the keys of a match's occurrences, each distinct key once with its count and one position
 * (its first, or the one that goes on with the stretch being copied), in the order first seen. A
 * short match in a large corpus has thousands of occurrences but a few dozen distinct next words:
 * reading each occurrence's text instead took a quarter of a chat answer's time. Reused from step
 * to step, so it makes no garbage.
 */
final class KeyTally {
  private static final int EMPTY = -1;

  private final int[] slots;
  private final int[] keys;
  private final int[] counts;
  private final int[] positions;
  private int size;

  /** A tally for at most {@code capacity} occurrences. */
  KeyTally(int capacity) {
    slots = new int[Integer.highestOneBit(Math.max(1, capacity)) * 4];
    keys = new int[capacity];
    counts = new int[capacity];
    positions = new int[capacity];
    Arrays.fill(slots, EMPTY);
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      slots[slotOf(keys[i])] = EMPTY;
    }
    size = 0;
  }

  /**
   * Counts an occurrence of {@code key} at {@code position}; the position is kept if it is the
   * key's first, or if it is {@code preferred}.
   */
  void add(int key, int position, int preferred) {
    int slot = slotOf(key);
    int index = slots[slot];
    if (index == EMPTY) {
      index = size++;
      slots[slot] = index;
      keys[index] = key;
      counts[index] = 0;
      positions[index] = position;
    } else if (position == preferred) {
      positions[index] = position;
    }
    counts[index]++;
  }

  int size() {
    return size;
  }

  int key(int index) {
    return keys[index];
  }

  int count(int index) {
    return counts[index];
  }

  int position(int index) {
    return positions[index];
  }

  /** The key's slot, or the empty one where it would go (linear probing). */
  private int slotOf(int key) {
    int mask = slots.length - 1;
    int slot = (key * 0x9E3779B9 >>> 7) & mask;
    while (slots[slot] != EMPTY && keys[slots[slot]] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }
}
