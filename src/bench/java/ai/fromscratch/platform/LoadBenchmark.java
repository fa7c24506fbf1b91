package ai.fromscratch.platform;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.ChatClients;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.LoadRun;
import ai.fromscratch.testing.MemoryCgroup;
import ai.fromscratch.testing.TestDirs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The footprint and load benchmark (not a test; run by {@code mvn -Pbench verify -DskipTests}, or
 * {@code java -cp <test classpath> ai.fromscratch.platform.LoadBenchmark <brown dir> <output.md>
 * [seconds]} after a build).
 *
 * <p>A server started as in production (the production jvm.options, a fresh data directory) is
 * measured: its start-up time and resident memory after start; after learning the Brown corpus's
 * training lines as texts (order 4, every line indexed for retrieval); and under load: 8 chat
 * clients asking for five minutes while a second job trains on more data and indexes it.
 */
public final class LoadBenchmark {
  private static final int CLIENTS = 8;
  private static final int QUESTION_WORDS = 8;
  private static final int PAIRS = 20_000;

  private LoadBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: LoadBenchmark <brown dir> <output.md> [seconds of load]");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    Duration load = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 300);
    StringBuilder report = new StringBuilder("# Footprint and load benchmark\n\n");
    try (LibertyServer server =
        LibertyServer.create("fs-bench-load", TestDirs.fresh("bench-load"))) {
      boolean limited = server.limitMemory(MemoryCgroup.RENDER_FREE_MB);
      server.start();
      Http.get(server.baseUrl() + "/api/keepalive");
      report.append(
          String.format(
              Locale.ROOT,
              "Machine: %d cores; JVM options: the production `liberty-config/jvm.options` (HotSpot"
                  + " %s).%n%n| moment | resident MB: all / the process's own / mapped files |%n"
                  + "|---|---|%n| after start (start-up %.1f s) | %s |%n",
              Runtime.getRuntime().availableProcessors(),
              System.getProperty("java.version"),
              server.lastStart().toMillis() / 1000.0,
              figures(server.memory())));

      Api api = new Api(server.baseUrl());
      Path brown = ChatClients.textRecords(corpus.resolve("brown.train.txt.gz"));
      long first = api.upload(brown);
      JsonObject trained =
          api.awaitCompleted(api.startTraining(training(first)), Duration.ofMinutes(30));
      report.append(
          String.format(
              Locale.ROOT,
              "| after training on Brown (order 4, %s n-grams, %d passages indexed, %.1f s) | %s"
                  + " |%n",
              trained.getJsonObject("result").getJsonArray("ngrams"),
              Http.get(api.url("/api/rag")).json().getJsonNumber("passages").longValue(),
              trained.getJsonNumber("elapsed_seconds").doubleValue(),
              figures(server.memory())));

      long second = api.upload(pairs(corpus));
      LoadRun.Result result =
          LoadRun.run(
              server,
              api,
              ChatClients.questions(corpus.resolve("brown.test.txt"), QUESTION_WORDS),
              CLIENTS,
              load,
              training(first, second));
      report.append(
          String.format(
              Locale.ROOT,
              "| under load, median of the samples | %.0f / %.0f / %.0f |%n"
                  + "| under load, highest | %.0f / %.0f / %.0f |%n"
                  + "| after the load and the job | %s |%n"
                  + "| peak of the whole run (VmHWM) | %.0f |%n%n",
              result.median(LibertyServer.Memory::residentMb),
              result.median(LibertyServer.Memory::anonymousMb),
              result.median(LibertyServer.Memory::fileMb),
              result.max(LibertyServer.Memory::residentMb),
              result.max(LibertyServer.Memory::anonymousMb),
              result.max(LibertyServer.Memory::fileMb),
              figures(server.memory()),
              server.peakResidentMb()));
      report.append("## Load\n\n").append(result.markdown());
      report.append(
          String.format(
              Locale.ROOT,
              "%nErrors: %d. The job trained on both datasets and indexed the second (20,000"
                  + " training lines again, as question/answer pairs) while the clients chatted;"
                  + " answers averaged %.1f tokens.%n",
              result.chat().errors().size(),
              result.chat().meanTokens()));
      report.append(limit(server, limited));
    }
    Files.writeString(Path.of(args[1]), report);
    System.out.print(report);
  }

  /** What the kernel saw: the whole run inside a container's memory limit, or why not. */
  private static String limit(LibertyServer server, boolean limited) {
    if (!limited) {
      return String.format(
          "%nThe server ran without a memory limit: no memory cgroup can be made here (root and"
              + " Linux cgroups are needed), so the figures above are all there is.%n");
    }
    MemoryCgroup cgroup = server.cgroup().orElseThrow();
    return String.format(
        Locale.ROOT,
        "%n## Inside a %d MB limit%n%nThe server ran the whole time in a memory cgroup limited to"
            + " %d MB without swap, as a container on Render's free tier runs: a server that needs"
            + " more is killed by the kernel. Most charged to it (its own memory and the page cache"
            + " of the files it read and wrote, which the kernel takes back at the limit): %.0f MB;"
            + " processes killed for want of memory: %d.%n",
        cgroup.limitMb(),
        cgroup.limitMb(),
        cgroup.peakMb(),
        cgroup.oomKills());
  }

  private static String figures(LibertyServer.Memory memory) {
    return String.format(
        Locale.ROOT,
        "%.0f / %.0f / %.0f",
        memory.residentMb(),
        memory.anonymousMb(),
        memory.fileMb());
  }

  private static String training(long... datasets) {
    return "{\"kind\": \"ngram\", \"order\": 4, \"datasets\": " + Arrays.toString(datasets) + "}";
  }

  /**
   * The first {@value #PAIRS} training lines again as question/answer pairs (each line followed by
   * the next): new passages, enough for the second job to index them through the whole load.
   */
  private static Path pairs(Path corpus) throws IOException {
    Path file = Files.createTempFile("brown-pairs", ".jsonl");
    file.toFile().deleteOnExit();
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(corpus.resolve("brown.train.txt.gz"))),
                    StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String previous = in.readLine();
      String line = in.readLine();
      for (int pair = 0;
          pair < PAIRS && line != null;
          pair++, previous = line, line = in.readLine()) {
        out.write(
            Json.createObjectBuilder()
                .add("prompt", previous)
                .add("response", line)
                .build()
                .toString());
        out.write('\n');
      }
    }
    return file;
  }
}
