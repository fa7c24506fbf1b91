package ai.fromscratch.lm;

import java.util.Arrays;

/**
 * A set of word ids that clears in O(1) (by stamping) and grows with its content, not with the
 * vocabulary: the words already offered during one sampling step.
 */
public final class WordSet {
  private int[] keys = new int[256];
  private int[] stamps = new int[256];
  private int stamp = 1;
  private int size;

  public void clear() {
    size = 0;
    if (++stamp == 0) {
      Arrays.fill(stamps, 0);
      stamp = 1;
    }
  }

  /** Adds the word; returns false if it was already there. */
  public boolean add(int word) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int slot = mix(word) & mask; ; slot = (slot + 1) & mask) {
      if (stamps[slot] != stamp) {
        stamps[slot] = stamp;
        keys[slot] = word;
        size++;
        return true;
      }
      if (keys[slot] == word) {
        return false;
      }
    }
  }

  public boolean contains(int word) {
    int mask = keys.length - 1;
    for (int slot = mix(word) & mask; stamps[slot] == stamp; slot = (slot + 1) & mask) {
      if (keys[slot] == word) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return size;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldStamps = stamps;
    int oldStamp = stamp;
    keys = new int[oldKeys.length * 2];
    stamps = new int[oldKeys.length * 2];
    stamp = 1;
    size = 0;
    for (int slot = 0; slot < oldKeys.length; slot++) {
      if (oldStamps[slot] == oldStamp) {
        add(oldKeys[slot]);
      }
    }
  }

  private static int mix(int word) {
    return word * 0x9E3779B9 >>> 7;
  }
}
