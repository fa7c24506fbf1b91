package ai.fromscratch.lm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An external sort of fixed-width int records by their first {@code keyWidth} ints, as lmplz sorts:
 * records gather in a block that grows up to the memory budget; a full block is sorted and spilled
 * to a run file in the work directory; the runs are merged when read, in several rounds when there
 * are more than the budget has buffers for. Records with equal keys can be combined into one, their
 * last ints summed (counting n-grams). Memory stays within the budget whatever the number of
 * records; disk takes the rest.
 */
final class RecordSorter implements AutoCloseable {
  private static final int FIRST_BLOCK_RECORDS = 1 << 12;
  private static final int DIGITS = 1 << 16;

  private final Path workDir;
  private final int width;
  private final int keyWidth;
  private final boolean sumLast;
  private final int capacity;
  private final int mergeFanIn;
  private int[] block;
  private int[] order = new int[0];
  private int[] scratch = new int[0];
  private final int[] digitCounts = new int[DIGITS + 1];
  private int size;
  private final List<Path> runs = new ArrayList<>();
  private int spills;

  /**
   * @param sumLast whether records with equal keys become one, their last ints summed
   */
  RecordSorter(Path workDir, int width, int keyWidth, boolean sumLast, long memoryBytes) {
    this.workDir = workDir;
    this.width = width;
    this.keyWidth = keyWidth;
    this.sumLast = sumLast;
    // A record's ints, and two ints of its place in the sort order.
    long records = Math.max(FIRST_BLOCK_RECORDS, memoryBytes / (4L * width + 8));
    this.capacity = (int) Math.min(records, (Integer.MAX_VALUE - 8) / width);
    this.mergeFanIn = (int) Math.max(2, memoryBytes / (2L * IntRecords.BUFFER_BYTES));
    this.block = new int[Math.min(capacity, FIRST_BLOCK_RECORDS) * width];
  }

  /** The records a sorter takes in memory with this budget before it spills. */
  static long recordsInMemory(int width, long memoryBytes) {
    return memoryBytes / (4L * width + 8);
  }

  void add(int[] record) {
    if (size * width == block.length) {
      if (size == capacity) {
        spill();
      } else {
        block = Arrays.copyOf(block, (int) Math.min((long) capacity, 2L * size) * width);
      }
    }
    System.arraycopy(record, 0, block, size * width, width);
    size++;
  }

  /** The number of blocks spilled to run files so far. */
  int spills() {
    return spills;
  }

  /** The records in sorted order (combined when asked); the sorter takes no more records. */
  RecordSource sorted() {
    if (runs.isEmpty()) {
      return combined(new BlockSource(this));
    }
    if (size > 0) {
      spill();
    }
    block = null;
    while (runs.size() > mergeFanIn) {
      mergeRound();
    }
    return combined(new MergedSource(runs, width, keyWidth));
  }

  private RecordSource combined(RecordSource source) {
    return sumLast ? new CombiningSource(source, width, keyWidth) : source;
  }

  private void spill() {
    Path run = newRun();
    try (IntRecords.Writer out = new IntRecords.Writer(run, width);
        RecordSource sortedBlock = combined(new BlockSource(this))) {
      while (sortedBlock.next()) {
        out.write(sortedBlock.record());
      }
    }
    runs.add(run);
    spills++;
    size = 0;
  }

  /** Merges the runs in groups of at most the fan-in, so fewer runs remain. */
  private void mergeRound() {
    List<Path> merged = new ArrayList<>();
    for (int from = 0; from < runs.size(); from += mergeFanIn) {
      List<Path> group = runs.subList(from, Math.min(runs.size(), from + mergeFanIn));
      Path run = newRun();
      try (IntRecords.Writer out = new IntRecords.Writer(run, width);
          RecordSource source = combined(new MergedSource(group, width, keyWidth))) {
        while (source.next()) {
          out.write(source.record());
        }
      }
      group.forEach(RecordSorter::delete);
      merged.add(run);
    }
    runs.clear();
    runs.addAll(merged);
  }

  private Path newRun() {
    try {
      return Files.createTempFile(workDir, "run-", ".ints");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot spill to " + workDir, e);
    }
  }

  /**
   * The block's records in key order: a least-significant-digit radix sort of their places, two
   * 16-bit digits a key int from the last key to the first (a digit that is the same in every
   * record is skipped). Stable, and linear in the records: a comparison sort took most of the
   * estimation's time.
   */
  private int[] sortBlock() {
    if (order.length < size) {
      order = new int[Math.min(capacity, Math.max(size, 2 * order.length))];
      scratch = new int[order.length];
    }
    int[] from = order;
    int[] to = scratch;
    for (int i = 0; i < size; i++) {
      from[i] = i;
    }
    for (int key = keyWidth - 1; key >= 0; key--) {
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (int i = 0; i < size; i++) {
        int value = block[i * width + key];
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      for (int shift = 0; shift <= 16; shift += 16) {
        if (size > 0 && digit(min, shift) == digit(max, shift) && (shift == 16 || min == max)) {
          continue;
        }
        byDigit(from, to, key, shift);
        int[] swap = from;
        from = to;
        to = swap;
      }
    }
    return from;
  }

  /** One stable counting-sort pass of {@code from} into {@code to} by a 16-bit digit of a key. */
  private void byDigit(int[] from, int[] to, int key, int shift) {
    int[] starts = digitCounts;
    Arrays.fill(starts, 0);
    for (int i = 0; i < size; i++) {
      starts[digit(block[from[i] * width + key], shift) + 1]++;
    }
    for (int d = 0; d < DIGITS; d++) {
      starts[d + 1] += starts[d];
    }
    for (int i = 0; i < size; i++) {
      int record = from[i];
      to[starts[digit(block[record * width + key], shift)]++] = record;
    }
  }

  /** A 16-bit digit of a value, its sign flipped so that unsigned digits keep the signed order. */
  private static int digit(int value, int shift) {
    return ((value ^ Integer.MIN_VALUE) >>> shift) & (DIGITS - 1);
  }

  @Override
  public void close() {
    runs.forEach(RecordSorter::delete);
    runs.clear();
    block = null;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file, e);
    }
  }

  /** Records read one at a time into {@link #record()}. */
  interface RecordSource extends AutoCloseable {
    boolean next();

    int[] record();

    @Override
    default void close() {}
  }

  /** The sorter's block in key order. */
  private static final class BlockSource implements RecordSource {
    private final int[] block;
    private final int[] order;
    private final int count;
    private final int[] record;
    private int next;

    BlockSource(RecordSorter sorter) {
      this.order = sorter.sortBlock();
      this.block = sorter.block;
      this.count = sorter.size;
      this.record = new int[sorter.width];
    }

    @Override
    public boolean next() {
      if (next == count) {
        return false;
      }
      System.arraycopy(block, order[next++] * record.length, record, 0, record.length);
      return true;
    }

    @Override
    public int[] record() {
      return record;
    }
  }

  /** Equal keys in a row become one record, their last ints summed. */
  private static final class CombiningSource implements RecordSource {
    private final RecordSource source;
    private final int keyWidth;
    private final int[] record;
    private boolean pending;

    CombiningSource(RecordSource source, int width, int keyWidth) {
      this.source = source;
      this.keyWidth = keyWidth;
      this.record = new int[width];
      this.pending = source.next();
    }

    @Override
    public boolean next() {
      if (!pending) {
        return false;
      }
      int[] first = source.record();
      System.arraycopy(first, 0, record, 0, record.length);
      long sum = first[record.length - 1];
      while ((pending = source.next()) && sameKey(source.record())) {
        sum += source.record()[record.length - 1];
      }
      record[record.length - 1] = Math.toIntExact(sum);
      return true;
    }

    private boolean sameKey(int[] other) {
      return Arrays.equals(other, 0, keyWidth, record, 0, keyWidth);
    }

    @Override
    public int[] record() {
      return record;
    }

    @Override
    public void close() {
      source.close();
    }
  }

  /** Runs merged: each step hands out the least record among the runs' current ones. */
  private static final class MergedSource implements RecordSource {
    private final PriorityQueue<IntRecords.Reader> heads;
    private final List<IntRecords.Reader> readers = new ArrayList<>();
    private final int[] record;

    MergedSource(List<Path> runs, int width, int keyWidth) {
      heads =
          new PriorityQueue<>(
              Math.max(1, runs.size()),
              (a, b) -> Arrays.compare(a.record(), 0, keyWidth, b.record(), 0, keyWidth));
      record = new int[width];
      for (Path run : runs) {
        IntRecords.Reader reader = new IntRecords.Reader(run, width);
        readers.add(reader);
        if (reader.next()) {
          heads.add(reader);
        }
      }
    }

    @Override
    public boolean next() {
      IntRecords.Reader least = heads.poll();
      if (least == null) {
        return false;
      }
      System.arraycopy(least.record(), 0, record, 0, record.length);
      if (least.next()) {
        heads.add(least);
      }
      return true;
    }

    @Override
    public int[] record() {
      return record;
    }

    @Override
    public void close() {
      readers.forEach(IntRecords.Reader::close);
    }
  }
}
