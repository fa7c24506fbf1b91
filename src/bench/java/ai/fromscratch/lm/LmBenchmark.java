package ai.fromscratch.lm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Benchmark on the prepared Brown corpus against KenLM's published figures (not a test): {@code
 * java -cp target/classes:target/test-classes ai.fromscratch.lm.LmBenchmark <dir with
 * brown.train.txt.gz and brown.test.txt> <output.md>}. Estimation runs as a whole child process
 * (the CLI, three times per order, medians) so wall time and peak RSS compare with lmplz's; query,
 * look-up, generation and perplexity figures are measured in this process after a warm-up.
 */
public final class LmBenchmark {
  /** The estimating child JVM: a small heap, and C1 only (C2 compiles too late to pay off). */
  static final List<String> CHILD_JVM_OPTIONS =
      List.of("-Xmx140m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlm.reportMemory=true");

  private static final int[] ORDERS = {3, 4, 5};
  private static final int RUNS = 3;
  private static final int QUERY_PASSES = 10;
  private static final int GENERATED_TOKENS = 100_000;
  private static final int WARM_UP_ROUNDS = 3;
  private static final int TIMED_ROUNDS = 5;

  /** KenLM on this machine type, from the corpus README: order 3, 4, 5. */
  private static final double[] LMPLZ_SECONDS = {1.92, 4.27, 6.28};

  private static final int[] LMPLZ_RSS_MB = {283, 259, 241};
  private static final double[] KENLM_PPL = {225.17013, 218.73603, 218.05576};
  private static final double[] KENLM_PPL_EXCL = {199.80448, 194.05987, 193.46078};
  private static final String[] KENLM_QUERY = {
    "2.10 M / 1.00 M", "1.80 M / 1.00 M", "1.58 M / 0.87 M"
  };
  private static final String[] KENLM_BYTES = {"20.5 / 8.8", "21.6 / 9.9", "22.3 / 10.6"};

  private LmBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: LmBenchmark <brown dir> <output.md>");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    Path train = corpus.resolve("brown.train.txt.gz");
    List<String[]> test =
        TestCorpus.sentences(
            Files.readAllLines(corpus.resolve("brown.test.txt")).toArray(new String[0]));
    Path work = Files.createTempDirectory("lm-benchmark");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < ORDERS.length; i++) {
      rows.add(benchmarkOrder(i, train, test, work));
    }
    String report = report(rows);
    System.out.print(report);
    Path output = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(output.getParent());
    Files.writeString(output, report);
    try (var files = Files.list(work)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(work);
  }

  private static String benchmarkOrder(int index, Path train, List<String[]> test, Path work)
      throws Exception {
    int order = ORDERS[index];
    Path modelFile = work.resolve("brown-o" + order + ".bin");
    double[] seconds = new double[RUNS];
    long[] rssKb = new long[RUNS];
    for (int run = 0; run < RUNS; run++) {
      long[] result = estimateInChild(order, train, modelFile);
      seconds[run] = result[0] / 1e9;
      rssKb[run] = result[1];
    }
    long loadStart = System.nanoTime();
    StoredModel stored = ModelFile.load(modelFile);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    NgramModel model = stored.model();
    long trainingTokens = Long.parseLong(stored.metadata().get("tokens"));
    double estimateSeconds = median(seconds);
    TextScorer scorer = new TextScorer(model);
    PerplexityReport perplexity = scorer.perplexity(test);
    double idsPerSecond = queryIds(model, test);
    double stringsPerSecond = queryStrings(scorer, test, perplexity.tokens());
    double lookupsPerSecond = lookups(model, test);
    double tokensPerSecond = generate(model);
    double bytesPerNgram = model.memoryBytes() / (double) model.totalNgrams();
    return String.format(
        Locale.ROOT,
        "| %d | %s | %.2f / %.2f | %.2f M | %d / %d | %.2f M / %.2f M (%s) | %.1f M | %.1f (%s) | %.0f k | %.2f | %.5f / %.5f | %.5f / %.5f |",
        order,
        countsText(model),
        estimateSeconds,
        LMPLZ_SECONDS[index],
        trainingTokens / estimateSeconds / 1e6,
        Math.round(median(rssKb) / 1024.0),
        LMPLZ_RSS_MB[index],
        idsPerSecond / 1e6,
        stringsPerSecond / 1e6,
        KENLM_QUERY[index],
        lookupsPerSecond / 1e6,
        bytesPerNgram,
        KENLM_BYTES[index],
        tokensPerSecond / 1e3,
        loadSeconds,
        perplexity.perplexity(),
        KENLM_PPL[index],
        perplexity.perplexityExcludingOovs(),
        KENLM_PPL_EXCL[index]);
  }

  /** Runs the CLI's estimate in a fresh JVM; returns {wall nanoseconds, peak RSS in kB}. */
  private static long[] estimateInChild(int order, Path train, Path modelFile)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(CHILD_JVM_OPTIONS);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            LmCli.class.getName(),
            "estimate",
            "--order",
            Integer.toString(order),
            "--text",
            train.toString(),
            "--pretokenized",
            "--out",
            modelFile.toString()));
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String errors;
    try (InputStream err = process.getErrorStream()) {
      errors = new String(err.readAllBytes(), StandardCharsets.UTF_8);
    }
    int status = process.waitFor();
    long wall = System.nanoTime() - start;
    if (status != 0) {
      throw new IllegalStateException("estimation failed (" + status + "): " + errors);
    }
    long rss =
        errors
            .lines()
            .filter(line -> line.startsWith("peak RSS: "))
            .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
            .findFirst()
            .orElse(-1);
    return new long[] {wall, rss};
  }

  /** Scored tokens (words and {@code </s>}) per second, ids looked up beforehand. */
  private static double queryIds(NgramModel model, List<String[]> test) {
    int[][] ids = new int[test.size()][];
    long tokens = 0;
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Arrays.stream(test.get(i)).mapToInt(model.vocabulary()::id).toArray();
      tokens += ids[i].length + 1;
    }
    TextScorer scorer = new TextScorer(model);
    return rate(
        tokens * QUERY_PASSES,
        () -> {
          double sink = 0;
          for (int pass = 0; pass < QUERY_PASSES; pass++) {
            for (int[] sentence : ids) {
              sink += scorer.scoreIds(sentence, sentence.length).log10Probability();
            }
          }
          return sink;
        });
  }

  private static double queryStrings(TextScorer scorer, List<String[]> test, long tokens) {
    return rate(
        tokens * QUERY_PASSES,
        () -> {
          double sink = 0;
          for (int pass = 0; pass < QUERY_PASSES; pass++) {
            for (String[] sentence : test) {
              sink += scorer.score(sentence).log10Probability();
            }
          }
          return sink;
        });
  }

  /**
   * Binary searches of a word among a context's continuations, as scoring the test text does them.
   */
  private static double lookups(NgramModel model, List<String[]> test) {
    List<int[]> recorded = new ArrayList<>();
    for (String[] sentence : test) {
      ContextState state = model.sentenceStart();
      ContextState next = model.newState();
      for (int i = 0; i <= sentence.length; i++) {
        int word = i < sentence.length ? model.vocabulary().id(sentence[i]) : Vocabulary.EOS;
        for (int j = 0; j < state.length; j++) {
          recorded.add(new int[] {j, state.nodes[j], word});
          if (model.findChild(j, state.nodes[j], word) < 0) {
            break;
          }
        }
        model.score(state, word, next);
        ContextState swap = state;
        state = next;
        next = swap;
      }
    }
    int count = recorded.size();
    int[] levels = new int[count];
    int[] nodes = new int[count];
    int[] words = new int[count];
    for (int i = 0; i < count; i++) {
      levels[i] = recorded.get(i)[0];
      nodes[i] = recorded.get(i)[1];
      words[i] = recorded.get(i)[2];
    }
    return rate(
        (long) count * QUERY_PASSES,
        () -> {
          long sink = 0;
          for (int pass = 0; pass < QUERY_PASSES; pass++) {
            for (int i = 0; i < count; i++) {
              sink += model.findChild(levels[i], nodes[i], words[i]);
            }
          }
          return sink;
        });
  }

  /** Plain sampling: sampled tokens (words and {@code </s>}) per second. */
  private static double generate(NgramModel model) {
    TextGenerator generator = new TextGenerator(model, new WordTokenizer(true));
    SamplingOptions options = SamplingOptions.DEFAULTS.withMaxTokens(1000).withSeed(1L);
    sample(generator, options, GENERATED_TOKENS);
    long start = System.nanoTime();
    long tokens = sample(generator, options.withSeed(2L), GENERATED_TOKENS);
    return tokens / ((System.nanoTime() - start) / 1e9);
  }

  private static long sample(TextGenerator generator, SamplingOptions options, int atLeast) {
    long tokens = 0;
    for (long seed = options.seed(); tokens < atLeast; seed++) {
      Generation generation = generator.generate("", options.withSeed(seed));
      tokens +=
          generation.tokens().size()
              + (generation.stopReason() == StopReason.END_OF_SENTENCE ? 1 : 0);
    }
    return tokens;
  }

  /** Operations per second of a measured block: the median of timed rounds after warm-up rounds. */
  private static double rate(long operations, DoubleSupplier block) {
    double sink = 0;
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      sink += block.getAsDouble();
    }
    double[] rates = new double[TIMED_ROUNDS];
    for (int round = 0; round < TIMED_ROUNDS; round++) {
      long start = System.nanoTime();
      sink += block.getAsDouble();
      rates[round] = operations / ((System.nanoTime() - start) / 1e9);
    }
    // Using the results keeps the JIT from dropping the measured work.
    if (sink == 42.4242) {
      System.out.println(sink);
    }
    return median(rates);
  }

  private static String countsText(NgramModel model) {
    StringBuilder text = new StringBuilder();
    for (int k = 1; k <= model.order(); k++) {
      text.append(k > 1 ? " / " : "")
          .append(String.format(Locale.ROOT, "%,d", model.ngramCount(k)));
    }
    return text.toString();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String report(List<String> rows) {
    List<String> lines = new ArrayList<>();
    lines.add("# n-gram LM benchmark: Brown corpus (train 1,168,245 words; test 64,974 tokens)");
    lines.add("");
    lines.add("Ours beside KenLM's figures from the corpus README (same machine type, other run).");
    lines.add(
        "Estimation: the CLI in a child JVM ("
            + String.join(" ", CHILD_JVM_OPTIONS)
            + "), median of "
            + RUNS
            + " runs, wall time and peak RSS of the whole process.");
    lines.add(
        "Query: the test file scored "
            + QUERY_PASSES
            + " times, tokens (words and </s>) per second,"
            + " word ids looked up beforehand / from strings; KenLM probing / trie in brackets;"
            + " median of "
            + TIMED_ROUNDS
            + " rounds after "
            + WARM_UP_ROUNDS
            + " warm-up rounds (look-ups too).");
    lines.add(
        "Look-ups: binary searches of a word among a context's continuations, as scoring makes them.");
    lines.add("Generation: plain sampling (temperature 1), " + GENERATED_TOKENS + " tokens.");
    lines.add("");
    lines.add(
        "| order | n-grams per order | estimate s (ours / lmplz) | training words/s"
            + " | peak RSS MB (ours / lmplz) | query tokens/s ids / strings (KenLM probing / trie)"
            + " | look-ups/s | bytes per n-gram (KenLM probing / trie) | generated tokens/s | model load s"
            + " | test PPL incl. OOV (ours / lmplz) | excl. OOV (ours / lmplz) |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
    lines.addAll(rows);
    return String.join("\n", lines) + "\n";
  }
}
