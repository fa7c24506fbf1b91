package ai.fromscratch.chat;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/**
 * Chat latency through the API with retrieval, 8 clients at once (not a test; run by {@code mvn
 * -Pbench verify -DskipTests}, or {@code java -cp <test classpath>
 * ai.fromscratch.chat.ChatLatencyBenchmark <brown dir> <output.md>} after a build).
 *
 * <p>A server of its own, started as in production (the production jvm.options, a fresh data
 * directory), learns the Brown corpus's training lines as texts (order 4, every line indexed for
 * retrieval); then clients ask the first words of Brown's test lines through {@code POST
 * /api/chat}, with retrieval and the chat's default sampling. Latency is measured at the client,
 * from the request to the whole answer.
 */
public final class ChatLatencyBenchmark {
  private static final int CLIENTS = 8;
  private static final int REQUESTS_PER_CLIENT = 60;
  private static final int WARM_UP = 80;
  private static final int QUESTION_WORDS = 8;

  private ChatLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ChatLatencyBenchmark <brown dir> <output.md>");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    List<String> questions = questions(corpus.resolve("brown.test.txt"));
    StringBuilder report = new StringBuilder("# Chat latency benchmark\n\n");
    try (LibertyServer server =
        LibertyServer.create("fs-bench-chat", TestDirs.fresh("bench-chat"))) {
      server.start();
      Api api = new Api(server.baseUrl());
      long started = System.nanoTime();
      long dataset = api.upload(textRecords(corpus.resolve("brown.train.txt.gz")));
      double uploadSeconds = (System.nanoTime() - started) / 1e9;
      JsonObject job =
          api.awaitJob(
              api.startTraining(
                  "{\"kind\": \"ngram\", \"order\": 4, \"datasets\": [" + dataset + "]}"),
              Duration.ofMinutes(30));
      if (!job.getString("state").equals("completed")) {
        throw new IllegalStateException("training failed: " + job);
      }
      JsonObject rag = Http.get(api.url("/api/rag")).json();
      report.append(
          String.format(
              Locale.ROOT,
              "Machine: %d cores. Model: Brown training lines, order 4, %s n-grams; %d passages"
                  + " indexed (upload %.1f s, training with indexing %.1f s).%n%n",
              Runtime.getRuntime().availableProcessors(),
              job.getJsonObject("result").getJsonArray("ngrams"),
              rag.getJsonNumber("passages").longValue(),
              uploadSeconds,
              job.getJsonNumber("elapsed_seconds").doubleValue()));

      for (int i = 0; i < WARM_UP; i++) {
        ask(api, questions.get(i % questions.size()));
      }
      Measured single = run(api, questions, 1, REQUESTS_PER_CLIENT * 2);
      Measured concurrent = run(api, questions, CLIENTS, REQUESTS_PER_CLIENT);
      report.append(
          "| clients | requests | p50 ms | p95 ms | p99 ms | answers/s | server p50 ms |"
              + " retrieval p50 ms |\n|---|---|---|---|---|---|---|---|\n");
      report.append(single.row(1)).append(concurrent.row(CLIENTS));
      report.append(
          String.format(
              Locale.ROOT,
              "%nAnswers averaged %.1f tokens. The design's bar: p95 under 100 ms with retrieval,"
                  + " %d clients at once.%n",
              concurrent.meanTokens(),
              CLIENTS));
    }
    Files.writeString(Path.of(args[1]), report);
    System.out.print(report);
  }

  /** Each client asks its share of the questions one after the other. */
  private static Measured run(Api api, List<String> questions, int clients, int perClient)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<Sample>>> futures = new ArrayList<>();
    long started = System.nanoTime();
    for (int client = 0; client < clients; client++) {
      int first = client * perClient;
      futures.add(
          pool.submit(
              () -> {
                List<Sample> samples = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                  samples.add(ask(api, questions.get((first + i) % questions.size())));
                }
                return samples;
              }));
    }
    List<Sample> samples = new ArrayList<>();
    for (Future<List<Sample>> future : futures) {
      samples.addAll(future.get());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    return new Measured(samples, seconds);
  }

  private static Sample ask(Api api, String question) {
    String body = Json.createObjectBuilder().add("message", question).build().toString();
    long started = System.nanoTime();
    Http.Reply reply = Http.postJson(api.url("/api/chat"), body);
    double ms = (System.nanoTime() - started) / 1e6;
    if (reply.status() != 200) {
      throw new IllegalStateException("chat failed: " + reply.status() + " " + reply.body());
    }
    JsonObject answer = reply.json();
    return new Sample(
        ms,
        answer.getJsonNumber("latency_ms").doubleValue(),
        answer.getJsonNumber("retrieval_ms").doubleValue(),
        answer.getInt("tokens"));
  }

  private record Sample(double clientMs, double serverMs, double retrievalMs, int tokens) {}

  private record Measured(List<Sample> samples, double seconds) {
    String row(int clients) {
      return String.format(
          Locale.ROOT,
          "| %d | %d | %.1f | %.1f | %.1f | %.0f | %.1f | %.1f |%n",
          clients,
          samples.size(),
          percentile(samples.stream().mapToDouble(Sample::clientMs).toArray(), 50),
          percentile(samples.stream().mapToDouble(Sample::clientMs).toArray(), 95),
          percentile(samples.stream().mapToDouble(Sample::clientMs).toArray(), 99),
          samples.size() / seconds,
          percentile(samples.stream().mapToDouble(Sample::serverMs).toArray(), 50),
          percentile(samples.stream().mapToDouble(Sample::retrievalMs).toArray(), 50));
    }

    double meanTokens() {
      return samples.stream().mapToInt(Sample::tokens).average().orElse(0);
    }
  }

  private static double percentile(double[] values, int percent) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** The first words of each test line, shuffled the same way every run. */
  private static List<String> questions(Path testLines) throws IOException {
    List<String> questions = new ArrayList<>();
    for (String line : Files.readAllLines(testLines, StandardCharsets.UTF_8)) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= QUESTION_WORDS) {
        questions.add(String.join(" ", Arrays.copyOf(words, QUESTION_WORDS)));
      }
    }
    Collections.shuffle(questions, new Random(7));
    return questions;
  }

  /** The training lines as a JSON Lines file of {@code {"text"}} records. */
  private static Path textRecords(Path gzip) throws IOException {
    Path file = Files.createTempFile("brown-train", ".jsonl");
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(gzip)), StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          out.write(Json.createObjectBuilder().add("text", line).build().toString());
          out.write('\n');
        }
      }
    }
    file.toFile().deleteOnExit();
    return file;
  }
}
