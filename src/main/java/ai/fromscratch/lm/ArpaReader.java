package ai.fromscratch.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a model in the ARPA text format (plain or gzipped), of any order, into the compact trie.
 * Word ids are assigned as for estimated models; lmplz's {@code 0} and SRILM's {@code -99} for
 * {@code <s>} are both accepted; a missing {@code <unk>} gets log10 probability -100 as in KenLM.
 * Errors name the line.
 *
 * <p>It streams: the unigrams are held (the vocabulary), each higher order goes through an external
 * sort into trie order ({@link RecordSorter}, within the memory budget, spilling to a work
 * directory) and is written as columns that the model maps, so a model far larger than the heap
 * (lmplz's output for a corpus beyond this machine) reads in bounded memory. The declared counts
 * are checked against the budget and the disk before anything is allocated.
 */
public final class ArpaReader {
  private static final float MISSING_UNK_LOG10 = -100f;

  /** The longest line accepted: far more than a probability, a few words and a backoff need. */
  static final int MAX_LINE_CHARS = 100_000;

  /** Lines other than n-grams (blank lines, a preamble before {@code \data\}) accepted in all. */
  static final int MAX_OTHER_LINES = 10_000;

  /** No limit on the memory a model may take (for tools and tests). */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  /** Heap a unigram takes while read: its word, probabilities, hash slots and ranking. */
  private static final long BYTES_PER_UNIGRAM = 120;

  /** The least memory the sorts of the higher orders get. */
  private static final long MIN_SORT_BYTES = 1 << 20;

  private final Reader in;
  private final String source;
  private final long memoryBudget;
  private final Path workDir;
  private final StringBuilder buffer = new StringBuilder();
  private final char[] chunk = new char[1 << 16];
  private int position;
  private int limit;
  private long linesAllowed = MAX_OTHER_LINES;
  private int lineNumber;
  private String line;

  /** The current line is to be read again (the header ends by reading the first section line). */
  private boolean pushBack;

  private ArpaReader(Reader in, String source, long memoryBudget, Path workDir) {
    this.in = in;
    this.source = source;
    this.memoryBudget = memoryBudget;
    this.workDir = workDir;
  }

  public static NgramModel read(Path file) throws IOException {
    return read(file, UNBOUNDED);
  }

  /**
   * Reads a model within {@code memoryBudget} bytes of heap, its sorts spilling to a temporary
   * directory; the header's counts are checked against the budget before anything is allocated.
   */
  public static NgramModel read(Path file, long memoryBudget) throws IOException {
    Path work = Files.createTempDirectory("arpa-");
    try {
      return read(file, memoryBudget, work);
    } finally {
      WorkFiles.deleteTree(work);
    }
  }

  /**
   * Reads a model within {@code memoryBudget} bytes of heap, its sorts and columns in {@code
   * workDir}; the columns are mapped and then deleted (a mapping outlives its file's name).
   */
  public static NgramModel read(Path file, long memoryBudget, Path workDir) throws IOException {
    try (BufferedReader in = TextFiles.open(file)) {
      return new ArpaReader(in, file.toString(), memoryBudget, workDir).read();
    }
  }

  public static NgramModel read(BufferedReader in, String sourceName) throws IOException {
    Path work = Files.createTempDirectory("arpa-");
    try {
      return new ArpaReader(in, sourceName, UNBOUNDED, work).read();
    } finally {
      WorkFiles.deleteTree(work);
    }
  }

  /**
   * About how much heap reading a model with these n-gram counts takes: its vocabulary, and a sort
   * block of at least a megabyte for the higher orders (which take disk, not heap).
   */
  public static long bytesToRead(int[] counts) {
    return BYTES_PER_UNIGRAM * counts[0] + MIN_SORT_BYTES;
  }

  /** About how much disk reading a model with these n-gram counts takes: sorts and columns. */
  public static long diskToRead(int[] counts) {
    long bytes = 0;
    for (int level = 1; level < counts.length; level++) {
      bytes += (long) counts[level] * (8L * (level + 4) + 16);
    }
    return bytes;
  }

  private NgramModel read() throws IOException {
    int[] counts = readHeader();
    long needed = bytesToRead(counts);
    if (needed > memoryBudget) {
      throw error(
          String.format(
              "a model of %,d words needs about %d MB of memory to load, and %d MB can be spared"
                  + " for it",
              counts[0], needed >> 20, memoryBudget >> 20));
    }
    long disk = diskToRead(counts);
    long free = Files.getFileStore(workDir).getUsableSpace();
    if (disk > free) {
      throw error(
          String.format(
              "a model of %,d n-grams needs about %d MB of disk to load, and %d MB are free",
              Arrays.stream(counts).asLongStream().sum(), disk >> 20, free >> 20));
    }
    linesAllowed += Arrays.stream(counts).asLongStream().sum();
    int order = counts.length;
    IntColumn[] words = new IntColumn[order];
    FloatColumn[] probs = new FloatColumn[order];
    FloatColumn[] backoffs = new FloatColumn[order];
    IntColumn[] childStarts = new IntColumn[order];
    Vocabulary vocabulary = readUnigrams(counts[0], order == 1, probs, backoffs);
    long sortBytes = Math.max(MIN_SORT_BYTES, memoryBudget - BYTES_PER_UNIGRAM * counts[0]);
    Path lowerGrams = null;
    for (int level = 1; level < order; level++) {
      OrderColumns columns =
          new OrderColumns(workDir, level, level == order - 1, vocabulary.size(), lowerGrams);
      readOrder(level, counts[level], vocabulary, columns, sortBytes);
      words[level] = IntColumn.mapped(columns.mapWords());
      probs[level] = FloatColumn.mapped(columns.mapProbs());
      backoffs[level] = level == order - 1 ? null : FloatColumn.mapped(columns.mapBackoffs());
      childStarts[level - 1] = IntColumn.mapped(columns.mapLowerChildStarts());
      deleteIfExists(lowerGrams);
      lowerGrams = columns.grams();
    }
    deleteIfExists(lowerGrams);
    nextContentLine();
    if (line == null || !line.equals("\\end\\")) {
      throw error("expected \\end\\");
    }
    return new NgramModel(vocabulary, words, probs, backoffs, childStarts, true);
  }

  private int[] readHeader() throws IOException {
    do {
      nextLine();
      if (line == null) {
        throw error("no \\data\\ section");
      }
    } while (!line.trim().equals("\\data\\"));
    List<Integer> counts = new ArrayList<>();
    for (nextContentLine(); line != null && line.startsWith("ngram "); nextContentLine()) {
      String[] parts = line.substring(6).trim().split("=");
      try {
        int order = Integer.parseInt(parts[0].trim());
        int count = Integer.parseInt(parts[1].trim());
        if (order != counts.size() + 1 || count < 0 || parts.length != 2) {
          throw error("ngram counts must be listed for orders 1, 2, ... in turn");
        }
        counts.add(count);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw error("malformed ngram count line: " + line);
      }
    }
    pushBack = true;
    if (counts.isEmpty() || counts.size() > EstimationOptions.MAX_ORDER) {
      throw error("expected ngram counts for 1 to " + EstimationOptions.MAX_ORDER + " orders");
    }
    return counts.stream().mapToInt(Integer::intValue).toArray();
  }

  private Vocabulary readUnigrams(
      int count, boolean highest, FloatColumn[] probs, FloatColumn[] backoffs) throws IOException {
    expectSection(1);
    WordTable table = new WordTable(count + 1);
    float[] log10 = new float[count + 1];
    float[] backoff = new float[count + 1];
    String[] fields = new String[3];
    for (int i = 0; i < count; i++) {
      nextEntry(1);
      int fieldCount = split(line, fields, 1, highest);
      int id = table.add(fields[1]);
      if (id != i) {
        throw error("duplicate unigram " + fields[1]);
      }
      log10[id] = number(fields[0]);
      backoff[id] = fieldCount == 3 ? number(fields[2]) : 0f;
    }
    if (table.find(Vocabulary.UNK_WORD) < 0) {
      log10[table.add(Vocabulary.UNK_WORD)] = MISSING_UNK_LOG10;
    }
    for (String marker : List.of(Vocabulary.BOS_WORD, Vocabulary.EOS_WORD)) {
      if (table.find(marker) < 0) {
        throw error("the unigrams have no " + marker);
      }
    }
    int size = table.size();
    log10[table.find(Vocabulary.BOS_WORD)] = NgramModel.LOG10_ZERO;
    int[] newId = VocabularyOrder.rank(table, Arrays.copyOf(log10, size));
    float[] log10ById = new float[size];
    float[] backoffById = new float[size];
    for (int old = 0; old < size; old++) {
      log10ById[newId[old]] = log10[old];
      backoffById[newId[old]] = backoff[old];
    }
    probs[0] = FloatColumn.of(log10ById);
    backoffs[0] = highest ? null : FloatColumn.of(backoffById);
    return VocabularyOrder.reorder(table, newId);
  }

  /**
   * Reads the n-grams of one order into a sorter (word ids, probability, backoff, line), then
   * writes them in trie order, checking each one's prefix against the order below and that none
   * comes twice.
   */
  private void readOrder(
      int level, int count, Vocabulary vocabulary, OrderColumns columns, long sortBytes)
      throws IOException {
    int order = level + 1;
    expectSection(order);
    boolean highest = columns.highest;
    String[] fields = new String[order + 2];
    int[] record = new int[order + 3];
    try (RecordSorter sorter = new RecordSorter(workDir, order + 3, order, false, sortBytes)) {
      for (int i = 0; i < count; i++) {
        nextEntry(order);
        int fieldCount = split(line, fields, order, highest);
        for (int j = 0; j < order; j++) {
          record[j] = wordId(vocabulary, fields[j + 1]);
        }
        record[order] = Float.floatToRawIntBits(number(fields[0]));
        record[order + 1] =
            Float.floatToRawIntBits(
                !highest && fieldCount == order + 2 ? number(fields[order + 1]) : 0f);
        record[order + 2] = lineNumber;
        sorter.add(record);
      }
      int current = lineNumber;
      try (RecordSorter.RecordSource sorted = sorter.sorted()) {
        columns.write(sorted, (entryLine, message) -> errorAt(entryLine, message));
      }
      lineNumber = current;
    }
  }

  /** The columns of one order, written from its n-grams in trie order. */
  private static final class OrderColumns {
    final boolean highest;
    private final int order;
    private final int lowerCount;
    private final Path lowerGrams;
    private final Path grams;
    private final Path words;
    private final Path probs;
    private final Path backoffs;
    private final Path lowerChildStarts;

    OrderColumns(Path workDir, int level, boolean highest, int vocabularySize, Path lowerGrams) {
      this.order = level + 1;
      this.highest = highest;
      this.lowerCount = level == 1 ? vocabularySize : -1;
      this.lowerGrams = lowerGrams;
      this.grams = workDir.resolve("arpa-grams-" + order);
      this.words = workDir.resolve("arpa-words-" + order);
      this.probs = workDir.resolve("arpa-probs-" + order);
      this.backoffs = workDir.resolve("arpa-backoffs-" + order);
      this.lowerChildStarts = workDir.resolve("arpa-starts-" + level);
    }

    /** Reports an error at a line of the file. */
    interface Errors {
      ModelFormatException at(int line, String message);
    }

    /**
     * Walks the sorted n-grams beside the order below (its grams file, or every word id for
     * unigrams), so each n-gram's prefix is found and the child starts come out in order.
     */
    void write(RecordSorter.RecordSource sorted, Errors errors) throws ModelFormatException {
      int prefix = order - 1;
      try (IntRecords.Reader lower =
              lowerGrams == null ? null : new IntRecords.Reader(lowerGrams, prefix);
          IntRecords.Writer gramOut = highest ? null : new IntRecords.Writer(grams, order);
          IntRecords.Writer wordOut = new IntRecords.Writer(words, 1);
          IntRecords.Writer probOut = new IntRecords.Writer(probs, 1);
          IntRecords.Writer backoffOut = highest ? null : new IntRecords.Writer(backoffs, 1);
          IntRecords.Writer startOut = new IntRecords.Writer(lowerChildStarts, 1)) {
        int[] lowerGram = new int[prefix];
        int lowerId = -1;
        int[] previous = null;
        int children = 0;
        startOut.writeInt(0);
        while (sorted.next()) {
          int[] entry = sorted.record();
          if (previous != null && Arrays.equals(previous, 0, order, entry, 0, order)) {
            throw errors.at(
                entry[order + 2],
                "duplicate " + order + "-gram (also on line " + previous[order + 2] + ")");
          }
          while (lowerId < 0 || Arrays.compare(lowerGram, 0, prefix, entry, 0, prefix) < 0) {
            if (lowerId >= 0) {
              startOut.writeInt(children);
            }
            if (!nextLower(lower, lowerGram, ++lowerId)) {
              throw errors.at(
                  entry[order + 2], "the prefix of this " + order + "-gram is not in the model");
            }
          }
          if (!Arrays.equals(lowerGram, 0, prefix, entry, 0, prefix)) {
            throw errors.at(
                entry[order + 2], "the prefix of this " + order + "-gram is not in the model");
          }
          children++;
          wordOut.writeInt(entry[order - 1]);
          probOut.writeInt(entry[order]);
          if (!highest) {
            backoffOut.writeInt(entry[order + 1]);
            gramOut.write(entry);
          }
          previous = previous == null ? entry.clone() : copyInto(previous, entry);
        }
        if (lowerId >= 0) {
          startOut.writeInt(children);
        }
        while (nextLower(lower, lowerGram, ++lowerId)) {
          startOut.writeInt(children);
        }
      }
    }

    private boolean nextLower(IntRecords.Reader lower, int[] gram, int id) {
      if (lower == null) {
        gram[0] = id;
        return id < lowerCount;
      }
      if (!lower.next()) {
        return false;
      }
      System.arraycopy(lower.record(), 0, gram, 0, gram.length);
      return true;
    }

    private static int[] copyInto(int[] target, int[] source) {
      System.arraycopy(source, 0, target, 0, target.length);
      return target;
    }

    Path grams() {
      return highest ? null : grams;
    }

    ByteBuffer mapWords() throws IOException {
      return IntRecords.mapAndDelete(words);
    }

    ByteBuffer mapProbs() throws IOException {
      return IntRecords.mapAndDelete(probs);
    }

    ByteBuffer mapBackoffs() throws IOException {
      return IntRecords.mapAndDelete(backoffs);
    }

    ByteBuffer mapLowerChildStarts() throws IOException {
      return IntRecords.mapAndDelete(lowerChildStarts);
    }
  }

  private int wordId(Vocabulary vocabulary, String word) throws ModelFormatException {
    if (!vocabulary.contains(word)) {
      throw error("word '" + word + "' is not among the unigrams");
    }
    return vocabulary.id(word);
  }

  private void expectSection(int order) throws IOException {
    nextContentLine();
    if (line == null || !line.trim().equals("\\" + order + "-grams:")) {
      throw error("expected \\" + order + "-grams:");
    }
  }

  private void nextEntry(int order) throws IOException {
    nextLine();
    if (line == null || line.isBlank() || line.startsWith("\\")) {
      throw error("fewer " + order + "-grams than the header announces");
    }
  }

  /** Splits an entry into probability, words and optional backoff; returns the field count. */
  private int split(String text, String[] fields, int order, boolean highest)
      throws ModelFormatException {
    int count = 0;
    int i = 0;
    int length = text.length();
    while (i < length) {
      while (i < length && isSpace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < length && !isSpace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        if (count == fields.length) {
          count++;
          break;
        }
        fields[count++] = text.substring(start, i);
      }
    }
    int withoutBackoff = order + 1;
    if (count != withoutBackoff && (highest || count != withoutBackoff + 1)) {
      throw error(
          "expected a probability, "
              + order
              + " word(s)"
              + (highest ? "" : " and an optional backoff")
              + ", found "
              + count
              + " fields");
    }
    return count;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private float number(String text) throws ModelFormatException {
    if (text.equals("-inf") || text.equals("-Infinity")) {
      return NgramModel.LOG10_ZERO;
    }
    try {
      float value = Float.parseFloat(text);
      if (Float.isNaN(value) || Float.isInfinite(value)) {
        throw error("not a finite number: " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw error("not a number: " + text);
    }
  }

  private void nextLine() throws IOException {
    if (pushBack) {
      pushBack = false;
      return;
    }
    line = readBoundedLine();
    lineNumber++;
    if (line != null && --linesAllowed < 0) {
      throw error("more lines than the header's n-grams and a few blank lines");
    }
  }

  /** The next line without its end, or null at the end; a line too long is an error. */
  private String readBoundedLine() throws IOException {
    buffer.setLength(0);
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(chunk);
        position = 0;
        if (limit < 0) {
          limit = 0;
          return any ? withoutCarriageReturn() : null;
        }
      }
      any = true;
      int start = position;
      while (position < limit && chunk[position] != '\n') {
        position++;
      }
      if (buffer.length() + (position - start) > MAX_LINE_CHARS) {
        lineNumber++;
        throw error("a line longer than " + MAX_LINE_CHARS + " characters");
      }
      buffer.append(chunk, start, position - start);
      if (position < limit) {
        position++;
        return withoutCarriageReturn();
      }
    }
  }

  private String withoutCarriageReturn() {
    int end = buffer.length();
    if (end > 0 && buffer.charAt(end - 1) == '\r') {
      buffer.setLength(end - 1);
    }
    return buffer.toString();
  }

  private void nextContentLine() throws IOException {
    do {
      nextLine();
    } while (line != null && line.isBlank());
  }

  private ModelFormatException error(String message) {
    return errorAt(lineNumber, message);
  }

  private ModelFormatException errorAt(int line, String message) {
    return new ModelFormatException(source + ", line " + line + ": " + message);
  }

  private static void deleteIfExists(Path file) throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }
}
