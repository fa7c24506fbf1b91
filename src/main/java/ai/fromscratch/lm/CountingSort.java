package ai.fromscratch.lm;

/** Stable counting sort of int items by a small non-negative int key: two linear passes. */
final class CountingSort {
  private CountingSort() {}

  /**
   * Returns the first {@code count} items stably ordered by {@code keys[item + keyOffset]}, leaving
   * out the items whose key is negative. Keys must be below {@code keyRange}.
   */
  static int[] sort(int[] items, int count, int[] keys, int keyOffset, int keyRange) {
    int[] starts = new int[keyRange + 1];
    for (int i = 0; i < count; i++) {
      int key = keys[items[i] + keyOffset];
      if (key >= 0) {
        starts[key + 1]++;
      }
    }
    for (int key = 0; key < keyRange; key++) {
      starts[key + 1] += starts[key];
    }
    int[] sorted = new int[starts[keyRange]];
    for (int i = 0; i < count; i++) {
      int item = items[i];
      int key = keys[item + keyOffset];
      if (key >= 0) {
        sorted[starts[key]++] = item;
      }
    }
    return sorted;
  }

  static int[] identity(int count) {
    int[] items = new int[count];
    for (int i = 0; i < count; i++) {
      items[i] = i;
    }
    return items;
  }
}
