package ai.fromscratch.lm;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Assigns the model's word ids: the three markers first, then words by descending unigram log10
 * probability (as stored, in float), ties by string, so ids 3.. list the most probable words first.
 */
final class VocabularyOrder {
  private VocabularyOrder() {}

  /**
   * Returns {@code newId[oldId]} for the words of {@code table} with these unigram probabilities.
   */
  static int[] rank(WordTable table, float[] log10Prob) {
    int size = table.size();
    int[] newId = new int[size];
    int[] specials = {
      table.find(Vocabulary.UNK_WORD),
      table.find(Vocabulary.BOS_WORD),
      table.find(Vocabulary.EOS_WORD)
    };
    Integer[] others = new Integer[size - 3];
    int next = 0;
    for (int id = 0; id < size; id++) {
      if (id != specials[0] && id != specials[1] && id != specials[2]) {
        others[next++] = id;
      }
    }
    char[] blob = table.blob();
    Comparator<Integer> byProbability = (a, b) -> Float.compare(log10Prob[b], log10Prob[a]);
    Arrays.sort(
        others,
        byProbability.thenComparing(
            (a, b) ->
                Arrays.compare(
                    blob,
                    table.offset(a),
                    table.offset(a + 1),
                    blob,
                    table.offset(b),
                    table.offset(b + 1))));
    for (int i = 0; i < 3; i++) {
      newId[specials[i]] = i;
    }
    for (int i = 0; i < others.length; i++) {
      newId[others[i]] = i + 3;
    }
    return newId;
  }

  /** Rebuilds the table's words in their new id order as a vocabulary. */
  static Vocabulary reorder(WordTable table, int[] newId) {
    int[] oldId = new int[newId.length];
    for (int old = 0; old < newId.length; old++) {
      oldId[newId[old]] = old;
    }
    WordTable ordered = new WordTable(table.size());
    char[] blob = table.blob();
    for (int id : oldId) {
      ordered.add(blob, table.offset(id), table.offset(id + 1));
    }
    return Vocabulary.of(ordered);
  }
}
