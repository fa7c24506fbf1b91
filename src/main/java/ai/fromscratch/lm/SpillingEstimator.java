package ai.fromscratch.lm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Estimates the same model as {@link KneserNeyEstimator}, bit for bit, within a memory budget, the
 * way lmplz's {@code -S} works: the corpus is encoded to a file; each order's n-grams are counted,
 * linked to their prefixes and suffixes, and smoothed in passes over files sorted by an external
 * sort ({@link RecordSorter}) whose blocks spill to the work directory. The heap holds the
 * vocabulary, arrays of its size and one sort block; disk holds the rest. The result's higher
 * orders are mapped from files whose names are already gone from the work directory: their disk is
 * freed when the model is collected, and nothing is left to clean up.
 *
 * <p>Pruning needs the whole of each order at once and stays with the in-memory estimator.
 */
public final class SpillingEstimator implements NgramEstimator {
  private static final int REPORT_EVERY = 1 << 20;

  /** Heap a vocabulary word takes here beyond its table: ids, counts, probabilities, buffers. */
  private static final long BYTES_PER_WORD = 64;

  /** The least a sort block may have: below it the merges would take more rounds than they save. */
  static final long MIN_SORT_BYTES = 1 << 16;

  private final EstimationOptions options;
  private final long memoryBytes;
  private final Path workDir;
  private long sortBytes;
  private int spilledRuns;

  /**
   * @param memoryBytes the heap the estimation may take, all included
   * @param workDir where the spill files and the model's columns go; created if missing
   */
  public SpillingEstimator(EstimationOptions options, long memoryBytes, Path workDir) {
    for (int order = 1; order <= options.order(); order++) {
      if (options.pruneThreshold(order) > 0) {
        throw new IllegalArgumentException(
            "pruning needs the in-memory estimator: every n-gram of an order at once");
      }
    }
    this.options = options;
    this.memoryBytes = memoryBytes;
    this.workDir = workDir;
  }

  /**
   * About the most disk an estimation of this order takes for a corpus of this many ids: the
   * encoded corpus, each order's counts and their sort runs, and the model's columns.
   */
  public static long diskBytes(long ids, int order) {
    long bytesPerId = 8;
    for (int k = 2; k <= order; k++) {
      bytesPerId += 8L * (k + 1);
    }
    return ids * bytesPerId;
  }

  /** The heap a vocabulary of this many words (whose table takes tableBytes) needs here. */
  public static long vocabularyBytes(long words, long tableBytes) {
    return tableBytes + BYTES_PER_WORD * words;
  }

  /** How many sorted runs the last estimation spilled to disk (0 when every sort fit). */
  public int spilledRuns() {
    return spilledRuns;
  }

  @Override
  public EstimationResult estimatePretokenized(Path file, ProgressListener progress)
      throws IOException {
    return estimate(corpus -> corpus.addPretokenizedFile(file, progress), progress);
  }

  @Override
  public EstimationResult estimate(Iterable<String[]> sentences, ProgressListener progress)
      throws IOException {
    return estimate(corpus -> sentences.forEach(corpus::addSentence), progress);
  }

  /** Feeds the training text to the encoder. */
  @FunctionalInterface
  private interface Text {
    void feed(CorpusEncoder corpus) throws IOException;
  }

  private EstimationResult estimate(Text text, ProgressListener progress) throws IOException {
    Files.createDirectories(workDir);
    spilledRuns = 0;
    Path corpusIds = workDir.resolve("corpus.ids");
    CorpusEncoder corpus;
    try (IntRecords.Writer out = new IntRecords.Writer(corpusIds, 1)) {
      corpus = new CorpusEncoder(out::writeInt);
      text.feed(corpus);
    }
    if (corpus.sentences() == 0) {
      throw new IllegalArgumentException("the corpus is empty: there is no sentence to learn from");
    }
    WordTable table = corpus.words();
    sortBytes = memoryBytes - vocabularyBytes(table.size(), table.memoryBytes());
    if (sortBytes < MIN_SORT_BYTES) {
      throw new IllegalStateException(
          String.format(
              "the vocabulary of %,d words needs about %d MB, which leaves too little of the"
                  + " %d MB training budget to sort in; raise the budget",
              table.size(),
              vocabularyBytes(table.size(), table.memoryBytes()) >> 20,
              memoryBytes >> 20));
    }
    int[] counts =
        options.order() == 1
            ? rawUnigramCounts(corpusIds, table.size())
            : continuationCounts(corpusIds, table.size(), progress);
    Unigrams unigrams = Unigrams.estimate(table, counts, options.discountFallback());
    int order = options.order();
    List<Level> levels = new ArrayList<>();
    for (int k = 2; k <= order; k++) {
      progress.progress("counting", k, order);
      levels.add(count(corpusIds, unigrams.newId, k, progress));
    }
    Files.delete(corpusIds);
    NgramModel model =
        order == 1 ? unigramModel(unigrams) : higherOrders(unigrams, levels, progress);
    List<Discounts> discounts = new ArrayList<>(List.of(unigrams.discounts));
    levels.forEach(level -> discounts.add(level.discounts));
    return new EstimationResult(model, discounts, corpus.sentences(), corpus.tokens());
  }

  private NgramModel higherOrders(Unigrams unigrams, List<Level> levels, ProgressListener progress)
      throws IOException {
    int order = options.order();
    Level unigramLevel = new Level(1);
    unigramLevel.count = unigrams.vocabulary.size();
    for (int k = 2; k <= order; k++) {
      link(k == 2 ? unigramLevel : levels.get(k - 3), levels.get(k - 2));
    }
    for (int k = 3; k <= order; k++) {
      adjust(levels.get(k - 3), levels.get(k - 2));
    }
    Level top = levels.get(order - 2);
    top.discounts = discountsOf(order, top.grams, order + 1, true);
    for (int k = 2; k <= order; k++) {
      progress.progress("smoothing", k, order);
      Level lower = k == 2 ? unigramLevel : levels.get(k - 3);
      interpolate(lower, levels.get(k - 2), unigrams, k == order);
    }
    return model(unigrams, unigramLevel, levels);
  }

  /** The files of one order k, from its counting to its smoothing. */
  private static final class Level {
    final int order;
    int count;

    /** k word ids and the raw count of each k-gram, in trie (lexicographic) order. */
    Path grams;

    /** The last word of each k-gram (the model's column). */
    Path words;

    /** The adjusted count of each k-gram (below the highest order). */
    Path adjusted;

    /** (suffix id, k-gram id) pairs in suffix order (orders 3 and up). */
    Path suffixes;

    Path probs;
    Path probabilities;
    Path backoffs;
    Path childStarts;
    Discounts discounts;

    Level(int order) {
      this.order = order;
    }
  }

  private static int[] rawUnigramCounts(Path corpusIds, int size) {
    int[] counts = new int[size];
    try (IntRecords.Reader in = new IntRecords.Reader(corpusIds, 1)) {
      while (in.next()) {
        int id = in.record()[0];
        if (id != Vocabulary.BOS) {
          counts[id]++;
        }
      }
    }
    return counts;
  }

  /** The number of distinct words (including {@code <s>}) seen before each word. */
  private int[] continuationCounts(Path corpusIds, int size, ProgressListener progress) {
    int[] counts = new int[size];
    int[] pair = new int[3];
    try (RecordSorter sorter = new RecordSorter(workDir, 3, 2, true, sortBytes)) {
      try (IntRecords.Reader in = new IntRecords.Reader(corpusIds, 1)) {
        int before = -1;
        while (in.next()) {
          int word = in.record()[0];
          if (before >= 0 && word != Vocabulary.BOS) {
            pair[0] = before;
            pair[1] = word;
            pair[2] = 1;
            sorter.add(pair);
          }
          before = word;
        }
      }
      try (RecordSorter.RecordSource bigrams = sorted(sorter)) {
        while (bigrams.next()) {
          counts[bigrams.record()[1]]++;
        }
      }
    }
    return counts;
  }

  /** Counts the distinct k-grams within sentences, in trie order, with their raw counts. */
  private Level count(Path corpusIds, int[] newId, int k, ProgressListener progress) {
    Level level = new Level(k);
    level.grams = workDir.resolve("grams-" + k);
    int[] window = new int[k + 1];
    try (RecordSorter sorter = new RecordSorter(workDir, k + 1, k, true, sortBytes)) {
      try (IntRecords.Reader in = new IntRecords.Reader(corpusIds, 1)) {
        int sinceSentenceStart = 0;
        long position = 0;
        while (in.next()) {
          int id = newId[in.record()[0]];
          sinceSentenceStart = id == Vocabulary.BOS ? 1 : sinceSentenceStart + 1;
          System.arraycopy(window, 1, window, 0, k - 1);
          window[k - 1] = id;
          if (sinceSentenceStart >= k) {
            window[k] = 1;
            sorter.add(window);
          }
          if (++position % REPORT_EVERY == 0) {
            progress.progress("counting", k, options.order());
          }
        }
      }
      level.count = copy(sorted(sorter), level.grams, k + 1);
    }
    return level;
  }

  private RecordSorter.RecordSource sorted(RecordSorter sorter) {
    RecordSorter.RecordSource sorted = sorter.sorted();
    spilledRuns += sorter.spills();
    return sorted;
  }

  private static int copy(RecordSorter.RecordSource source, Path file, int width) {
    int count = 0;
    try (source;
        IntRecords.Writer out = new IntRecords.Writer(file, width)) {
      while (source.next()) {
        out.write(source.record());
        count = Math.addExact(count, 1);
      }
    }
    if (count > ModelFile.MAX_NGRAMS_PER_ORDER) {
      throw new IllegalStateException(
          String.format(
              "%,d distinct n-grams of one order are more than a model holds (%,d)",
              count, ModelFile.MAX_NGRAMS_PER_ORDER));
    }
    return count;
  }

  /**
   * Writes the last words of the k-grams, and the child starts of the (k-1)-grams: their k-gram
   * extensions form consecutive ranges, since both files are in trie order.
   */
  private void link(Level lower, Level upper) {
    int k = upper.order;
    upper.words = workDir.resolve("words-" + k);
    lower.childStarts = workDir.resolve("starts-" + (k - 1));
    try (GramReader parents = new GramReader(lower);
        IntRecords.Reader grams = new IntRecords.Reader(upper.grams, k + 1);
        IntRecords.Writer words = new IntRecords.Writer(upper.words, 1);
        IntRecords.Writer starts = new IntRecords.Writer(lower.childStarts, 1)) {
      boolean pending = grams.next();
      int children = 0;
      starts.writeInt(0);
      while (parents.next()) {
        while (pending && Arrays.equals(grams.record(), 0, k - 1, parents.gram(), 0, k - 1)) {
          words.writeInt(grams.record()[k - 1]);
          children++;
          pending = grams.next();
        }
        starts.writeInt(children);
      }
      if (pending || children != upper.count) {
        throw new IllegalStateException("a " + k + "-gram's prefix is not among the lower order");
      }
    }
  }

  /**
   * Sorts the k-grams by their suffixes and walks them beside the (k-1)-grams: each (k-1)-gram's
   * adjusted count is the number of k-grams it is the suffix of (its raw count if it starts with
   * {@code <s>}, since nothing comes before that), and each k-gram learns its suffix's id.
   */
  private void adjust(Level lower, Level upper) {
    int k = upper.order;
    upper.suffixes = workDir.resolve("suffixes-" + k);
    lower.adjusted = workDir.resolve("adjusted-" + (k - 1));
    long[] countsOfCounts = new long[5];
    try (RecordSorter sorter = new RecordSorter(workDir, k, k - 1, false, sortBytes)) {
      int[] suffix = new int[k];
      try (IntRecords.Reader grams = new IntRecords.Reader(upper.grams, k + 1)) {
        for (int id = 0; grams.next(); id++) {
          System.arraycopy(grams.record(), 1, suffix, 0, k - 1);
          suffix[k - 1] = id;
          sorter.add(suffix);
        }
      }
      try (RecordSorter.RecordSource bySuffix = sorted(sorter);
          GramReader suffixes = new GramReader(lower);
          IntRecords.Writer pairs = new IntRecords.Writer(upper.suffixes, 2);
          IntRecords.Writer adjusted = new IntRecords.Writer(lower.adjusted, 1)) {
        boolean pending = bySuffix.next();
        int[] pair = new int[2];
        for (int id = 0; suffixes.next(); id++) {
          int matches = 0;
          while (pending && Arrays.equals(bySuffix.record(), 0, k - 1, suffixes.gram(), 0, k - 1)) {
            pair[0] = id;
            pair[1] = bySuffix.record()[k - 1];
            pairs.write(pair);
            matches++;
            pending = bySuffix.next();
          }
          int count = suffixes.gram()[0] == Vocabulary.BOS ? suffixes.rawCount() : matches;
          adjusted.writeInt(count);
          Discounts.countOf(countsOfCounts, count);
        }
        if (pending) {
          throw new IllegalStateException("a " + k + "-gram's suffix is not among the lower order");
        }
      }
    }
    lower.discounts = Discounts.of(k - 1, countsOfCounts, options.discountFallback());
  }

  private Discounts discountsOf(int order, Path file, int width, boolean lastIsCount) {
    long[] countsOfCounts = new long[5];
    try (IntRecords.Reader in = new IntRecords.Reader(file, width)) {
      while (in.next()) {
        Discounts.countOf(countsOfCounts, in.record()[lastIsCount ? width - 1 : 0]);
      }
    }
    return Discounts.of(order, countsOfCounts, options.discountFallback());
  }

  /**
   * Smooths order k as the in-memory estimator does, context by context: p(w|h) = (a(hw) - D(a)) /
   * S(h) + gamma(h) p(w|h'), with the lower order's probabilities p(w|h') brought into k-gram order
   * by sorting the (suffix, k-gram) pairs.
   */
  private void interpolate(Level lower, Level upper, Unigrams unigrams, boolean highest) {
    int k = upper.order;
    upper.probs = workDir.resolve("probs-" + k);
    upper.probabilities = highest ? null : workDir.resolve("probabilities-" + k);
    lower.backoffs = workDir.resolve("backoffs-" + (k - 1));
    Discounts discounts = upper.discounts;
    int[] counts = new int[64];
    double[] lowers = new double[64];
    try (LowerProbabilities lowerOf = new LowerProbabilities(lower, upper, unigrams);
        CountReader countOf = new CountReader(upper, highest);
        IntRecords.Reader starts = new IntRecords.Reader(lower.childStarts, 1);
        IntRecords.Writer probs = new IntRecords.Writer(upper.probs, 1);
        IntRecords.Writer probabilities =
            highest ? null : new IntRecords.Writer(upper.probabilities, 2);
        IntRecords.Writer backoffs = new IntRecords.Writer(lower.backoffs, 1)) {
      int from = starts.nextInt();
      for (int parent = 0; parent < lower.count; parent++) {
        int to = starts.nextInt();
        int size = to - from;
        from = to;
        if (size == 0) {
          backoffs.writeFloat(0f);
          continue;
        }
        if (size > counts.length) {
          counts = new int[Math.max(size, 2 * counts.length)];
          lowers = new double[counts.length];
        }
        long total = 0;
        double gammaMass = 0;
        for (int i = 0; i < size; i++) {
          counts[i] = countOf.next();
          lowers[i] = lowerOf.next();
          total += counts[i];
          gammaMass += discounts.forCount(counts[i]);
        }
        double gamma = gammaMass / total;
        backoffs.writeFloat(Unigrams.log10(gamma));
        for (int i = 0; i < size; i++) {
          double p = (counts[i] - discounts.forCount(counts[i])) / total + gamma * lowers[i];
          probs.writeFloat(Unigrams.log10(p));
          if (probabilities != null) {
            probabilities.writeDouble(p);
          }
        }
      }
    }
    deleteAll(lower.probabilities, lower.adjusted, upper.suffixes, lower.grams);
    if (highest) {
      deleteAll(upper.grams);
    }
  }

  /** The k-grams' counts in order: adjusted below the highest order, raw at it. */
  private static final class CountReader implements AutoCloseable {
    private final IntRecords.Reader in;
    private final int index;

    CountReader(Level level, boolean highest) {
      in =
          highest
              ? new IntRecords.Reader(level.grams, level.order + 1)
              : new IntRecords.Reader(level.adjusted, 1);
      index = highest ? level.order : 0;
    }

    int next() {
      if (!in.next()) {
        throw new IllegalStateException("the counts ended early");
      }
      return in.record()[index];
    }

    @Override
    public void close() {
      in.close();
    }
  }

  /** p(w|h') for each k-gram hw in order, the suffix h'w's probability at order k - 1. */
  private final class LowerProbabilities implements AutoCloseable {
    private final double[] unigramProbabilities;
    private final IntRecords.Reader words;
    private final RecordSorter sorter;
    private final RecordSorter.RecordSource byGram;

    LowerProbabilities(Level lower, Level upper, Unigrams unigrams) {
      if (lower.order == 1) {
        unigramProbabilities = unigrams.probabilities;
        words = new IntRecords.Reader(upper.words, 1);
        sorter = null;
        byGram = null;
        return;
      }
      unigramProbabilities = null;
      words = null;
      sorter = new RecordSorter(workDir, 3, 1, false, sortBytes);
      int[] record = new int[3];
      try (IntRecords.Reader pairs = new IntRecords.Reader(upper.suffixes, 2);
          IntRecords.Reader probabilities = new IntRecords.Reader(lower.probabilities, 2)) {
        int read = -1;
        double probability = 0;
        while (pairs.next()) {
          int suffix = pairs.record()[0];
          record[0] = pairs.record()[1];
          while (read < suffix) {
            probability = probabilities.nextDouble();
            read++;
          }
          long bits = Double.doubleToRawLongBits(probability);
          record[1] = (int) bits;
          record[2] = (int) (bits >>> 32);
          sorter.add(record);
        }
      }
      byGram = sorted(sorter);
    }

    double next() {
      if (words != null) {
        return unigramProbabilities[words.nextInt()];
      }
      if (!byGram.next()) {
        throw new IllegalStateException("the lower-order probabilities ended early");
      }
      int[] record = byGram.record();
      return Double.longBitsToDouble((record[1] & 0xffffffffL) | ((long) record[2] << 32));
    }

    @Override
    public void close() {
      if (words != null) {
        words.close();
      } else {
        byGram.close();
        sorter.close();
      }
    }
  }

  /** The grams of a lower order in trie order: read from its file, or every word for unigrams. */
  private static final class GramReader implements AutoCloseable {
    private final Level level;
    private final IntRecords.Reader in;
    private final int[] unigram = new int[2];
    private int next;

    GramReader(Level level) {
      this.level = level;
      this.in = level.order == 1 ? null : new IntRecords.Reader(level.grams, level.order + 1);
    }

    boolean next() {
      if (in != null) {
        return in.next();
      }
      if (next == level.count) {
        return false;
      }
      unigram[0] = next++;
      return true;
    }

    /** The current gram's word ids (and after them its raw count). */
    int[] gram() {
      return in != null ? in.record() : unigram;
    }

    int rawCount() {
      return gram()[level.order];
    }

    @Override
    public void close() {
      if (in != null) {
        in.close();
      }
    }
  }

  private NgramModel unigramModel(Unigrams unigrams) {
    return new NgramModel(
        unigrams.vocabulary,
        new IntColumn[1],
        new FloatColumn[] {FloatColumn.of(unigrams.log10)},
        new FloatColumn[1],
        new IntColumn[1],
        false);
  }

  /** The unigrams from the heap, the higher orders mapped from their files. */
  private NgramModel model(Unigrams unigrams, Level unigramLevel, List<Level> levels)
      throws IOException {
    int order = options.order();
    IntColumn[] words = new IntColumn[order];
    FloatColumn[] probs = new FloatColumn[order];
    FloatColumn[] backoffs = new FloatColumn[order];
    IntColumn[] childStarts = new IntColumn[order];
    probs[0] = FloatColumn.of(unigrams.log10);
    backoffs[0] = FloatColumn.mapped(map(unigramLevel.backoffs));
    childStarts[0] = IntColumn.mapped(map(unigramLevel.childStarts));
    for (int k = 2; k <= order; k++) {
      Level level = levels.get(k - 2);
      words[k - 1] = IntColumn.mapped(map(level.words));
      probs[k - 1] = FloatColumn.mapped(map(level.probs));
      if (k < order) {
        backoffs[k - 1] = FloatColumn.mapped(map(level.backoffs));
        childStarts[k - 1] = IntColumn.mapped(map(level.childStarts));
      }
    }
    return new NgramModel(unigrams.vocabulary, words, probs, backoffs, childStarts, true);
  }

  private static ByteBuffer map(Path file) throws IOException {
    return IntRecords.mapAndDelete(file);
  }

  private static void deleteAll(Path... files) {
    for (Path file : files) {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot delete " + file, e);
        }
      }
    }
  }
}
