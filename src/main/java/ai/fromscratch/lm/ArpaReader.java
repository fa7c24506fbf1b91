package ai.fromscratch.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a model in the ARPA text format (plain or gzipped), of any order, into the compact trie.
 * Word ids are assigned as for estimated models; lmplz's {@code 0} and SRILM's {@code -99} for
 * {@code <s>} are both accepted; a missing {@code <unk>} gets log10 probability -100 as in KenLM.
 * Errors name the line.
 */
public final class ArpaReader {
  private static final float MISSING_UNK_LOG10 = -100f;

  /** The longest line accepted: far more than a probability, a few words and a backoff need. */
  static final int MAX_LINE_CHARS = 100_000;

  /** Lines other than n-grams (blank lines, a preamble before {@code \data\}) accepted in all. */
  static final int MAX_OTHER_LINES = 10_000;

  /** No limit on the memory a model may take (for tools and tests). */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  private final Reader in;
  private final String source;
  private final long memoryBudget;
  private final StringBuilder buffer = new StringBuilder();
  private final char[] chunk = new char[1 << 16];
  private int position;
  private int limit;
  private long linesAllowed = MAX_OTHER_LINES;
  private int lineNumber;
  private String line;

  /** The current line is to be read again (the header ends by reading the first section line). */
  private boolean pushBack;

  private ArpaReader(Reader in, String source, long memoryBudget) {
    this.in = in;
    this.source = source;
    this.memoryBudget = memoryBudget;
  }

  public static NgramModel read(Path file) throws IOException {
    return read(file, UNBOUNDED);
  }

  /**
   * Reads a model whose loading needs at most {@code memoryBudget} bytes: the header's counts are
   * checked against it before anything is allocated.
   */
  public static NgramModel read(Path file, long memoryBudget) throws IOException {
    try (BufferedReader in = TextFiles.open(file)) {
      return new ArpaReader(in, file.toString(), memoryBudget).read();
    }
  }

  public static NgramModel read(BufferedReader in, String sourceName) throws IOException {
    return new ArpaReader(in, sourceName, UNBOUNDED).read();
  }

  /**
   * About how many bytes reading a model with these n-gram counts takes at its peak: the compact
   * model (16 bytes an n-gram with its child offsets, about 80 a word for the vocabulary) and the
   * largest order's reading arrays (28 bytes an n-gram).
   */
  public static long bytesToRead(int[] counts) {
    long total = 0;
    long largest = 0;
    for (int count : counts) {
      total += count;
      largest = Math.max(largest, count);
    }
    return 16 * total + 28 * largest + 80L * counts[0];
  }

  private NgramModel read() throws IOException {
    int[] counts = readHeader();
    long needed = bytesToRead(counts);
    if (needed > memoryBudget) {
      throw error(
          String.format(
              "a model of %,d n-grams needs about %d MB of memory to load, and %d MB can be spared"
                  + " for it",
              Arrays.stream(counts).asLongStream().sum(), needed >> 20, memoryBudget >> 20));
    }
    linesAllowed += Arrays.stream(counts).asLongStream().sum();
    int order = counts.length;
    int[][] words = new int[order][];
    float[][] probs = new float[order][];
    float[][] backoffs = new float[order][];
    int[][] childStarts = new int[order][];
    Vocabulary vocabulary = readUnigrams(counts[0], order == 1, probs, backoffs);
    for (int level = 1; level < order; level++) {
      readOrder(
          level,
          counts[level],
          level == order - 1,
          vocabulary,
          words,
          probs,
          backoffs,
          childStarts);
    }
    nextContentLine();
    if (line == null || !line.equals("\\end\\")) {
      throw error("expected \\end\\");
    }
    return new NgramModel(vocabulary, words, probs, backoffs, childStarts);
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

  private Vocabulary readUnigrams(int count, boolean highest, float[][] probs, float[][] backoffs)
      throws IOException {
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
    probs[0] = new float[size];
    float[] backoffById = new float[size];
    for (int old = 0; old < size; old++) {
      probs[0][newId[old]] = log10[old];
      backoffById[newId[old]] = backoff[old];
    }
    backoffs[0] = highest ? null : backoffById;
    return VocabularyOrder.reorder(table, newId);
  }

  private void readOrder(
      int level,
      int count,
      boolean highest,
      Vocabulary vocabulary,
      int[][] words,
      float[][] probs,
      float[][] backoffs,
      int[][] childStarts)
      throws IOException {
    int order = level + 1;
    expectSection(order);
    int[] parents = new int[count];
    int[] lastWords = new int[count];
    float[] log10 = new float[count];
    float[] backoff = highest ? null : new float[count];
    int[] lines = new int[count];
    String[] fields = new String[order + 2];
    for (int i = 0; i < count; i++) {
      nextEntry(order);
      int fieldCount = split(line, fields, order, highest);
      int node = wordId(vocabulary, fields[1]);
      for (int j = 1; j < order - 1; j++) {
        node =
            NgramModel.findChild(
                childStarts[j - 1], words[j], node, wordId(vocabulary, fields[j + 1]));
        if (node < 0) {
          throw error("the prefix of this " + order + "-gram is not in the model");
        }
      }
      parents[i] = node;
      lastWords[i] = wordId(vocabulary, fields[order]);
      log10[i] = number(fields[0]);
      if (backoff != null && fieldCount == order + 2) {
        backoff[i] = number(fields[order + 1]);
      }
      lines[i] = lineNumber;
    }
    int parentCount = probs[level - 1].length;
    int[] byWord =
        CountingSort.sort(CountingSort.identity(count), count, lastWords, 0, vocabulary.size());
    int[] sorted = CountingSort.sort(byWord, count, parents, 0, parentCount);
    int[] starts = new int[parentCount + 1];
    words[level] = new int[count];
    probs[level] = new float[count];
    backoffs[level] = highest ? null : new float[count];
    for (int g = 0; g < count; g++) {
      int entry = sorted[g];
      if (g > 0
          && parents[entry] == parents[sorted[g - 1]]
          && lastWords[entry] == lastWords[sorted[g - 1]]) {
        lineNumber = lines[entry];
        throw error("duplicate " + order + "-gram (also on line " + lines[sorted[g - 1]] + ")");
      }
      words[level][g] = lastWords[entry];
      probs[level][g] = log10[entry];
      if (backoff != null) {
        backoffs[level][g] = backoff[entry];
      }
      starts[parents[entry] + 1]++;
    }
    for (int parent = 0; parent < parentCount; parent++) {
      starts[parent + 1] += starts[parent];
    }
    childStarts[level - 1] = starts;
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
    return new ModelFormatException(source + ", line " + lineNumber + ": " + message);
  }
}
