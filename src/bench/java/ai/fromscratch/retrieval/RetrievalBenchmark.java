package ai.fromscratch.retrieval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Retrieval figures on this machine (not a test): {@code java -cp <test classpath>
 * ai.fromscratch.retrieval.RetrievalBenchmark <dir with brown.train.txt.gz and brown.test.txt>
 * <output.md>}. Texts are Brown corpus lines. It measures embeddings per second (both models, 1 and
 * 2 threads), index build time per 10k passages (with and without embedding), hybrid search latency
 * at 100k passages, and the resident memory an embedding model adds (a child JVM with -Xmx256m
 * reads its own VmRSS).
 *
 * <p>The 100k index holds 10k real embeddings, each ten times with Gaussian noise added and the
 * vector normalized again (cosine about 0.9 to the original), and the line's text: embedding 100k
 * lines would add 5 to 10 minutes here and measure nothing new.
 */
public final class RetrievalBenchmark {
  private static final int SPEED_TEXTS = 300;
  private static final int ROUNDS = 3;
  private static final int BUILD_RECORDS = 10_000;
  private static final int LARGE_COPIES = 10;
  private static final float NOISE = 0.025f;
  private static final int QUERIES = 300;
  private static final int WARM_UP_QUERIES = 50;
  private static final int K = 8;
  private static final double MIN_SIMILARITY = PassageIndex.DEFAULT_MIN_SIMILARITY;

  private RetrievalBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: RetrievalBenchmark <brown dir> <output.md>");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    List<String> train = gzipLines(corpus.resolve("brown.train.txt.gz"));
    List<String> test = Files.readAllLines(corpus.resolve("brown.test.txt"));
    StringBuilder report = new StringBuilder("# Retrieval benchmark\n\n");
    report.append(
        String.format(
            "Machine: %d cores, Java %s. Texts: Brown corpus lines (lower-cased, tokenized).%n%n",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
    embeddingSpeed(test, report);
    Path work = Files.createTempDirectory("retrieval-benchmark");
    try {
      float[][] vectors = indexBuild(train, work, report);
      searchLatency(train, test, vectors, work, report);
      memory(report);
    } finally {
      deleteRecursively(work);
    }
    System.out.print(report);
    Path output = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(output.getParent());
    Files.writeString(output, report);
  }

  private static void embeddingSpeed(List<String> test, StringBuilder report) {
    List<String> texts = shortLines(test, SPEED_TEXTS);
    double words = texts.stream().mapToInt(t -> t.split(" ").length).average().orElse(0);
    report.append(
        String.format(
            "## Embeddings per second%n%n%d short sentences (%.1f words on average), after a"
                + " warm-up of 100; the median of 3 rounds. embed(list) runs the full model in"
                + " batches of equal token length, the quantized one text at a time.%n%n| model |"
                + " threads | one call per text | embed(list) |%n|---|---|---|---|%n",
            texts.size(), words));
    for (EmbeddingModelChoice choice : EmbeddingModelChoice.values()) {
      for (int threads : new int[] {1, 2}) {
        try (SentenceEmbedder embedder =
            SentenceEmbedder.load(choice, threads, WordPieceTokenizer.DEFAULT_MAX_TOKENS)) {
          embedder.embed(texts.subList(0, 100));
          double[] single = new double[ROUNDS];
          double[] listed = new double[ROUNDS];
          for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            texts.forEach(embedder::embed);
            single[round] = texts.size() / seconds(start);
            start = System.nanoTime();
            embedder.embed(texts);
            listed[round] = texts.size() / seconds(start);
          }
          report.append(
              String.format(
                  "| %s | %d | %.0f/s | %.0f/s |%n",
                  choice.canonicalName(), threads, percentile(single, 50), percentile(listed, 50)));
          System.out.println(report);
        }
      }
    }
  }

  /** Builds a 10k index end to end (embedding included), and returns the vectors. */
  private static float[][] indexBuild(List<String> train, Path work, StringBuilder report) {
    List<String> texts = train.subList(0, BUILD_RECORDS);
    float[][] vectors = new float[BUILD_RECORDS][];
    double embedSeconds;
    double luceneSeconds;
    try (SentenceEmbedder embedder = SentenceEmbedder.load(EmbeddingModelChoice.defaultChoice());
        PassageIndex index =
            PassageIndex.create(work.resolve("build-10k"), embedder.model().canonicalName())) {
      long start = System.nanoTime();
      for (int from = 0; from < BUILD_RECORDS; from += PassageIndexer.DEFAULT_BATCH) {
        List<String> batch = texts.subList(from, Math.min(BUILD_RECORDS, from + 64));
        List<float[]> embedded = embedder.embed(batch);
        for (int i = 0; i < embedded.size(); i++) {
          vectors[from + i] = embedded.get(i);
        }
      }
      embedSeconds = seconds(start);
      start = System.nanoTime();
      index.add(passages(texts, 0), Arrays.asList(vectors));
      index.commit();
      luceneSeconds = seconds(start);
    }
    report.append(
        String.format(
            "%n## Index build per 10k passages%n%n| part | seconds per 10k |%n|---|---|%n"
                + "| embedding (int8, 1 thread) | %.1f |%n| Lucene add + commit (HNSW, BM25) |"
                + " %.1f |%n| total | %.1f |%n",
            embedSeconds, luceneSeconds, embedSeconds + luceneSeconds));
    System.out.println(report);
    return vectors;
  }

  private static void searchLatency(
      List<String> train, List<String> test, float[][] vectors, Path work, StringBuilder report)
      throws IOException {
    Random random = new Random(42);
    int total = BUILD_RECORDS * LARGE_COPIES;
    List<Double> buildPer10k = new ArrayList<>();
    try (SentenceEmbedder embedder = SentenceEmbedder.load(EmbeddingModelChoice.defaultChoice());
        PassageIndex index =
            PassageIndex.create(work.resolve("search-100k"), embedder.model().canonicalName())) {
      for (int copy = 0; copy < LARGE_COPIES; copy++) {
        List<float[]> noisy = new ArrayList<>(BUILD_RECORDS);
        for (float[] vector : vectors) {
          noisy.add(perturb(vector, random));
        }
        long start = System.nanoTime();
        index.add(passages(train.subList(0, BUILD_RECORDS), copy * BUILD_RECORDS), noisy);
        index.commit();
        buildPer10k.add(seconds(start));
        System.out.printf("100k build: %d passages%n", (copy + 1) * BUILD_RECORDS);
      }
      List<String> queries = shortLines(test, QUERIES + WARM_UP_QUERIES);
      List<float[]> queryVectors = new ArrayList<>();
      double[] embedMs = new double[QUERIES];
      for (int q = 0; q < queries.size(); q++) {
        long start = System.nanoTime();
        queryVectors.add(embedder.embed(queries.get(q)));
        if (q >= WARM_UP_QUERIES) {
          embedMs[q - WARM_UP_QUERIES] = (System.nanoTime() - start) / 1e6;
        }
      }
      long[] hits = new long[1];
      double[] asBuiltMs = searchTimes(index, queries, queryVectors, hits);
      long mergeStart = System.nanoTime();
      index.mergeToOneSegment();
      double mergeSeconds = seconds(mergeStart);
      double[] mergedMs = searchTimes(index, queries, queryVectors, hits);
      double[] totalMs = new double[QUERIES];
      for (int q = 0; q < QUERIES; q++) {
        totalMs[q] = embedMs[q] + asBuiltMs[q];
      }
      double buildSeconds = buildPer10k.stream().mapToDouble(Double::doubleValue).sum();
      report.append(
          String.format(
              "%n## Search at %,d passages%n%n%d real embeddings of Brown lines, each %d times with"
                  + " noise (Gaussian, sigma %.3f per dimension, renormalized); %d Brown test"
                  + " lines as questions after %d warm-up ones; k = %d, %d candidates per side,"
                  + " minimum similarity %.2f (%.1f hits per question on average).%n%n"
                  + "| | median | 95th percentile |%n|---|---|---|%n"
                  + "| hybrid search (vector + BM25 + fusion), as built: 10 commits | %.2f ms |"
                  + " %.2f ms |%n"
                  + "| hybrid search after mergeToOneSegment() | %.2f ms | %.2f ms |%n"
                  + "| embedding the question (int8, 1 thread) | %.2f ms | %.2f ms |%n"
                  + "| embedding + search as built | %.2f ms | %.2f ms |%n%n"
                  + "Building that index (vectors given): %.0f s in all, %.1f s per 10k"
                  + " (the first 10k: %.1f s, the last: %.1f s). Merging it to one segment"
                  + " afterwards: %.0f s.%n",
              total,
              BUILD_RECORDS,
              LARGE_COPIES,
              NOISE,
              QUERIES,
              WARM_UP_QUERIES,
              K,
              RankFusion.candidates(K),
              MIN_SIMILARITY,
              (double) hits[0] / (2 * queries.size()),
              percentile(asBuiltMs, 50),
              percentile(asBuiltMs, 95),
              percentile(mergedMs, 50),
              percentile(mergedMs, 95),
              percentile(embedMs, 50),
              percentile(embedMs, 95),
              percentile(totalMs, 50),
              percentile(totalMs, 95),
              buildSeconds,
              buildSeconds / LARGE_COPIES,
              buildPer10k.get(0),
              buildPer10k.get(buildPer10k.size() - 1),
              mergeSeconds));
      long bytes;
      try (Stream<Path> files = Files.walk(index.path())) {
        bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      report.append(String.format("Index size on disk: %.0f MB.%n", bytes / 1e6));
      System.out.println(report);
    }
  }

  /** Search times in ms of the queries after the warm-up ones; adds the hit counts to hits[0]. */
  private static double[] searchTimes(
      PassageIndex index, List<String> queries, List<float[]> vectors, long[] hits) {
    double[] ms = new double[QUERIES];
    for (int q = 0; q < queries.size(); q++) {
      long start = System.nanoTime();
      hits[0] += index.search(queries.get(q), vectors.get(q), K, MIN_SIMILARITY).size();
      if (q >= WARM_UP_QUERIES) {
        ms[q - WARM_UP_QUERIES] = (System.nanoTime() - start) / 1e6;
      }
    }
    return ms;
  }

  private static void memory(StringBuilder report) throws IOException, InterruptedException {
    report.append(
        String.format(
            "%n## Memory the embedding model adds%n%nA child JVM (-Xmx256m, 1 thread) reads its"
                + " VmRSS from /proc/self/status before loading the model, after loading it, and"
                + " after embedding 40 texts (short and about 120 words).%n%n"
                + "| model | RSS before | after loading | after embedding | added | peak (VmHWM)"
                + " |%n|---|---|---|---|---|---|%n"));
    for (EmbeddingModelChoice choice : EmbeddingModelChoice.values()) {
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              EmbeddingMemoryProbe.class.getName(),
              choice.canonicalName(),
              String.valueOf(SentenceEmbedder.DEFAULT_THREADS));
      builder.redirectErrorStream(true);
      Process process = builder.start();
      long[][] stages = new long[3][];
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        int stage = 0;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("rss-kb ")) {
            String[] parts = line.split(" ");
            stages[stage++] = new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[3])};
          }
        }
      }
      if (process.waitFor() != 0 || stages[2] == null) {
        throw new IllegalStateException("The memory probe failed for " + choice);
      }
      report.append(
          String.format(
              "| %s | %d MB | %d MB | %d MB | %d MB | %d MB |%n",
              choice.canonicalName(),
              stages[0][0] / 1024,
              stages[1][0] / 1024,
              stages[2][0] / 1024,
              (stages[2][0] - stages[0][0]) / 1024,
              stages[2][1] / 1024));
    }
  }

  private static List<Passage> passages(List<String> texts, int firstRecord) {
    List<Passage> passages = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      int record = firstRecord + i;
      passages.add(new Passage("p" + record, 1, record, Passage.TEXT, texts.get(i), null, null));
    }
    return passages;
  }

  private static float[] perturb(float[] vector, Random random) {
    float[] noisy = new float[vector.length];
    double norm = 0;
    for (int i = 0; i < vector.length; i++) {
      noisy[i] = vector[i] + NOISE * (float) random.nextGaussian();
      norm += noisy[i] * noisy[i];
    }
    for (int i = 0; i < vector.length; i++) {
      noisy[i] /= (float) Math.sqrt(norm);
    }
    return noisy;
  }

  /** Lines of 5 to 30 words, the shape of a chat question. */
  private static List<String> shortLines(List<String> lines, int count) {
    List<String> picked = new ArrayList<>();
    for (String line : lines) {
      int words = line.split(" ").length;
      if (words >= 5 && words <= 30) {
        picked.add(line);
        if (picked.size() == count) {
          break;
        }
      }
    }
    return picked;
  }

  private static double percentile(double[] values, int percent) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static List<String> gzipLines(Path file) throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      return in.lines().toList();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  static {
    Locale.setDefault(Locale.ROOT);
  }
}
