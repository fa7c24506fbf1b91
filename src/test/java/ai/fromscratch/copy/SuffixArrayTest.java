package ai.fromscratch.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SuffixArrayTest {
  @Test
  void theOrderIsTheSortedOrderOfTheSuffixesOnRandomAndRepetitiveTexts() {
    Random random = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      int n = random.nextInt(60);
      int alphabet = 1 + random.nextInt(trial % 3 == 0 ? 2 : 20);
      int[] tokens = IntStream.range(0, n).map(i -> random.nextInt(alphabet)).toArray();
      int[] keyOf = IntStream.range(0, alphabet).toArray();
      SuffixArray array = SuffixArray.of(tokens, keyOf);

      assertEquals(naive(tokens), order(array), Arrays.toString(tokens));
    }
  }

  @Test
  void aRunOfOneTokenSortsShortestFirst() {
    SuffixArray array = SuffixArray.of(new int[] {1, 1, 1, 1}, new int[] {0, 1});

    assertEquals(List.of(3, 2, 1, 0), order(array));
  }

  @Test
  void tokensAreComparedByTheirKeys() {
    // Tokens 1 and 2 are the same word in other cases: one key.
    SuffixArray array = SuffixArray.of(new int[] {1, 3, 2, 3}, new int[] {0, 5, 5, 9});

    long range = array.range(new int[] {5, 9}, 0, 2);
    assertEquals(2, SuffixArray.to(range) - SuffixArray.from(range));
  }

  @Test
  void everyOccurrenceOfAPatternIsInItsRangeAndNoOtherPlace() {
    Random random = new Random(11);
    int[] tokens = IntStream.range(0, 2000).map(i -> random.nextInt(5)).toArray();
    SuffixArray array = SuffixArray.of(tokens, IntStream.range(0, 5).toArray());
    for (int trial = 0; trial < 200; trial++) {
      int[] pattern =
          IntStream.range(0, 1 + random.nextInt(6)).map(i -> random.nextInt(5)).toArray();
      long range = array.range(pattern, 0, pattern.length);
      List<Integer> found = new ArrayList<>();
      for (int rank = SuffixArray.from(range); rank < SuffixArray.to(range); rank++) {
        found.add(array.suffix(rank));
      }
      found.sort(Comparator.naturalOrder());

      assertEquals(occurrences(tokens, pattern), found, Arrays.toString(pattern));
    }
  }

  private static List<Integer> order(SuffixArray array) {
    return IntStream.range(0, array.size()).map(array::suffix).boxed().toList();
  }

  private static List<Integer> naive(int[] tokens) {
    return IntStream.range(0, tokens.length)
        .boxed()
        .sorted(
            (a, b) ->
                Arrays.compare(
                    Arrays.copyOfRange(tokens, a, tokens.length),
                    Arrays.copyOfRange(tokens, b, tokens.length)))
        .toList();
  }

  private static List<Integer> occurrences(int[] tokens, int[] pattern) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i + pattern.length <= tokens.length; i++) {
      if (Arrays.equals(tokens, i, i + pattern.length, pattern, 0, pattern.length)) {
        at.add(i);
      }
    }
    return at;
  }
}
