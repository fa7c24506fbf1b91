package ai.fromscratch.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyTallyTest {

  @Test
  void countsEachKeyOnceInTheOrderFirstSeenWithItsFirstPosition() {
    KeyTally tally = new KeyTally(16);
    tally.add(7, 100, -1);
    tally.add(3, 101, -1);
    tally.add(7, 102, -1);
    tally.add(-5, 103, -1);

    assertEquals(3, tally.size());
    assertEquals(List.of(7, 3, -5), List.of(tally.key(0), tally.key(1), tally.key(2)));
    assertEquals(List.of(2, 1, 1), List.of(tally.count(0), tally.count(1), tally.count(2)));
    assertEquals(100, tally.position(0));
  }

  @Test
  void aPreferredPositionReplacesTheFirst() {
    KeyTally tally = new KeyTally(16);
    tally.add(7, 100, 102);
    tally.add(7, 102, 102);
    tally.add(7, 104, 102);

    assertEquals(102, tally.position(0));
  }

  @Test
  void clearingForgetsEverythingAndManyCollidingKeysStayApart() {
    KeyTally tally = new KeyTally(4096);
    SplittableRandom random = new SplittableRandom(3);
    for (int round = 0; round < 3; round++) {
      tally.clear();
      Map<Integer, Integer> expected = new LinkedHashMap<>();
      for (int i = 0; i < 4096; i++) {
        // Multiples of a power of two collide in a naive hash.
        int key = random.nextInt(600) * 1024;
        tally.add(key, i, -1);
        expected.merge(key, 1, Integer::sum);
      }
      List<Integer> keys = new ArrayList<>();
      for (int k = 0; k < tally.size(); k++) {
        keys.add(tally.key(k));
        assertEquals(expected.get(tally.key(k)), tally.count(k));
      }
      assertEquals(new ArrayList<>(expected.keySet()), keys);
    }
  }
}
