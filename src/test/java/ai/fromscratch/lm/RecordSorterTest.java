package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSorterTest {
  @TempDir Path work;

  @Test
  void recordsComeOutInKeyOrderWhateverTheirSignsAndSpills() throws Exception {
    Random random = new Random(5);
    List<int[]> records = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      records.add(
          new int[] {random.nextInt(7) - 3, random.nextInt() % 100_000, random.nextInt(), i});
    }
    List<int[]> sorted;
    try (RecordSorter sorter = new RecordSorter(work, 4, 2, false, 64 << 10)) {
      records.forEach(sorter::add);
      sorted = drain(sorter.sorted());
      assertTrue(sorter.spills() > 8, sorter.spills() + " spills");
    }
    List<int[]> expected = new ArrayList<>(records);
    expected.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> r[1]));
    assertEquals(expected.size(), sorted.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(
          Arrays.copyOf(expected.get(i), 2), Arrays.copyOf(sorted.get(i), 2), "record " + i);
    }
  }

  @Test
  void equalKeysAreCombinedTheirCountsSummedAcrossRuns() throws Exception {
    Random random = new Random(9);
    TreeMap<Long, Integer> counts = new TreeMap<>();
    try (RecordSorter sorter = new RecordSorter(work, 3, 2, true, 64 << 10)) {
      for (int i = 0; i < 40_000; i++) {
        int a = random.nextInt(50);
        int b = random.nextInt(40);
        sorter.add(new int[] {a, b, 1});
        counts.merge(a * 1000L + b, 1, Integer::sum);
      }
      List<int[]> combined = drain(sorter.sorted());
      assertEquals(counts.size(), combined.size());
      int i = 0;
      for (var entry : counts.entrySet()) {
        int[] record = combined.get(i++);
        assertEquals(entry.getKey(), record[0] * 1000L + record[1]);
        assertEquals(entry.getValue(), record[2]);
      }
    }
  }

  @Test
  void closingRemovesEveryRunFile() throws Exception {
    try (RecordSorter sorter = new RecordSorter(work, 2, 1, false, 64 << 10)) {
      for (int i = 0; i < 30_000; i++) {
        sorter.add(new int[] {30_000 - i, i});
      }
      try (RecordSorter.RecordSource sorted = sorter.sorted()) {
        assertTrue(sorted.next());
        assertEquals(1, sorted.record()[0]);
      }
    }
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(List.of(), left.toList());
    }
  }

  private static List<int[]> drain(RecordSorter.RecordSource source) {
    List<int[]> records = new ArrayList<>();
    try (source) {
      while (source.next()) {
        records.add(source.record().clone());
      }
    }
    return records;
  }
}
