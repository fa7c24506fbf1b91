package ai.fromscratch.lm;

/** Removes the n-grams marked as pruned from estimated levels, keeping the trie's order. */
final class Pruning {
  private Pruning() {}

  /** Drops pruned n-grams from the arrays and renumbers the rest (their order is unchanged). */
  static void compact(NgramLevels levels) {
    int[] lowerNewId = null;
    for (int level = 1; level < levels.order(); level++) {
      boolean[] pruned = levels.pruned[level];
      int size = levels.sizes[level];
      int[] newId = new int[size];
      int kept = 0;
      for (int g = 0; g < size; g++) {
        newId[g] = pruned != null && pruned[g] ? -1 : kept++;
      }
      int[] oldStarts = levels.childStarts[level - 1];
      int parents = oldStarts.length - 1;
      int keptParents = lowerNewId == null ? parents : countKept(lowerNewId);
      int[] starts = new int[keptParents + 1];
      for (int parent = 0; parent < parents; parent++) {
        int newParent = lowerNewId == null ? parent : lowerNewId[parent];
        if (newParent >= 0) {
          for (int g = oldStarts[parent]; g < oldStarts[parent + 1]; g++) {
            if (newId[g] >= 0) {
              starts[newParent + 1]++;
            }
          }
        }
      }
      for (int parent = 0; parent < keptParents; parent++) {
        starts[parent + 1] += starts[parent];
      }
      levels.childStarts[level - 1] = starts;
      levels.words[level] = keep(levels.words[level], newId, kept);
      levels.probs[level] = keep(levels.probs[level], newId, kept);
      if (levels.backoffs[level] != null) {
        levels.backoffs[level] = keep(levels.backoffs[level], newId, kept);
      }
      levels.sizes[level] = kept;
      lowerNewId = newId;
    }
  }

  private static int countKept(int[] newId) {
    int kept = 0;
    for (int id : newId) {
      if (id >= 0) {
        kept++;
      }
    }
    return kept;
  }

  private static int[] keep(int[] values, int[] newId, int kept) {
    int[] result = new int[kept];
    for (int g = 0; g < values.length; g++) {
      if (newId[g] >= 0) {
        result[newId[g]] = values[g];
      }
    }
    return result;
  }

  private static float[] keep(float[] values, int[] newId, int kept) {
    float[] result = new float[kept];
    for (int g = 0; g < values.length; g++) {
      if (newId[g] >= 0) {
        result[newId[g]] = values[g];
      }
    }
    return result;
  }
}
