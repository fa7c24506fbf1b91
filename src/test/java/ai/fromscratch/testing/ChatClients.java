package ai.fromscratch.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.zip.GZIPInputStream;

/**
 * Chat clients for latency and load runs: each asks questions one after the other through {@code
 * POST /api/chat}, with retrieval and the chat's default sampling, and the latency is measured at
 * the client, from the request to the whole answer.
 */
public final class ChatClients {
  private ChatClients() {}

  /**
   * One question asked: its latency, and what the server said of it (status 200 or not; whether it
   * answered "I don't know").
   */
  public record Sample(
      int status,
      double clientMs,
      double serverMs,
      double retrievalMs,
      int tokens,
      boolean declined,
      String error) {
    public boolean ok() {
      return status == 200;
    }
  }

  /** What a run measured. */
  public record Measured(List<Sample> samples, double seconds) {
    public List<Sample> errors() {
      return samples.stream().filter(sample -> !sample.ok()).toList();
    }

    public double clientPercentile(int percent) {
      return percentile(samples.stream().filter(Sample::ok).mapToDouble(Sample::clientMs), percent);
    }

    public double serverPercentile(int percent) {
      return percentile(samples.stream().filter(Sample::ok).mapToDouble(Sample::serverMs), percent);
    }

    public double retrievalPercentile(int percent) {
      return percentile(
          samples.stream().filter(Sample::ok).mapToDouble(Sample::retrievalMs), percent);
    }

    public double answersPerSecond() {
      return samples.size() / seconds;
    }

    public double meanTokens() {
      return samples.stream().filter(Sample::ok).mapToInt(Sample::tokens).average().orElse(0);
    }

    /** How many answers said "I don't know" (NO_ANSWER_TEXT) rather than answer. */
    public long declined() {
      return samples.stream().filter(Sample::declined).count();
    }

    /** A Markdown table row: clients, requests, errors, p50, p95, p99, answers/s, server p50. */
    public String row(int clients) {
      return String.format(
          Locale.ROOT,
          "| %d | %d | %d | %.1f | %.1f | %.1f | %.0f | %.1f | %.1f |%n",
          clients,
          samples.size(),
          errors().size(),
          clientPercentile(50),
          clientPercentile(95),
          clientPercentile(99),
          answersPerSecond(),
          serverPercentile(50),
          retrievalPercentile(50));
    }

    public static String header() {
      return "| clients | requests | errors | p50 ms | p95 ms | p99 ms | answers/s | server p50 ms |"
          + " retrieval p50 ms |\n|---|---|---|---|---|---|---|---|---|\n";
    }
  }

  public static Sample ask(Api api, String question) {
    String body = Json.createObjectBuilder().add("message", question).build().toString();
    long started = System.nanoTime();
    Http.Reply reply;
    try {
      reply = Http.postJson(api.url("/api/chat"), body);
    } catch (RuntimeException e) {
      return new Sample(0, elapsedMs(started), 0, 0, 0, false, e.toString());
    }
    double ms = elapsedMs(started);
    if (reply.status() != 200) {
      return new Sample(reply.status(), ms, 0, 0, 0, false, reply.body());
    }
    JsonObject answer = reply.json();
    return new Sample(
        200,
        ms,
        answer.getJsonNumber("latency_ms").doubleValue(),
        answer.getJsonNumber("retrieval_ms").doubleValue(),
        answer.getInt("tokens"),
        answer.getString("stop_reason").equals("no_answer"),
        null);
  }

  /** {@code clients} clients each ask {@code perClient} questions. */
  public static Measured run(Api api, List<String> questions, int clients, int perClient) {
    return run(api, questions, clients, asked -> asked < perClient);
  }

  /** {@code clients} clients ask questions until {@code duration} has passed. */
  public static Measured runFor(Api api, List<String> questions, int clients, Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    return run(api, questions, clients, asked -> System.nanoTime() < end);
  }

  private static Measured run(Api api, List<String> questions, int clients, IntPredicate goOn) {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<List<Sample>>> futures = new ArrayList<>();
      long started = System.nanoTime();
      for (int client = 0; client < clients; client++) {
        int first = client * 1000;
        futures.add(
            pool.submit(
                () -> {
                  List<Sample> samples = new ArrayList<>();
                  for (int i = 0; goOn.test(i); i++) {
                    samples.add(ask(api, questions.get((first + i) % questions.size())));
                  }
                  return samples;
                }));
      }
      List<Sample> samples = new ArrayList<>();
      for (Future<List<Sample>> future : futures) {
        samples.addAll(future.get());
      }
      return new Measured(samples, (System.nanoTime() - started) / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The nearest-rank percentile. */
  public static double percentile(java.util.stream.DoubleStream values, int percent) {
    double[] sorted = values.sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** The first {@code words} words of each line of a text with enough of them, shuffled alike. */
  public static List<String> questions(Path lines, int words) {
    try {
      List<String> questions = new ArrayList<>();
      for (String line : Files.readAllLines(lines, StandardCharsets.UTF_8)) {
        String[] tokens = line.strip().split("\\s+");
        if (tokens.length >= words) {
          questions.add(String.join(" ", Arrays.copyOf(tokens, words)));
        }
      }
      Collections.shuffle(questions, new Random(7));
      return questions;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of a gzipped text as a JSON Lines file of {@code {"text"}} records. */
  /** Brown's training lines learnt by the server the benchmarks ask. */
  public record TrainedBrown(JsonObject job, long passages, double uploadSeconds) {
    /** What the model is, for a report: its n-grams, the passages and what they took. */
    public String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "Brown's training lines, order 4, %s n-grams, %d passages indexed (upload %.1f s,"
              + " training with indexing %.1f s)",
          job.getJsonObject("result").getJsonArray("ngrams"),
          passages,
          uploadSeconds,
          job.getJsonNumber("elapsed_seconds").doubleValue());
    }
  }

  /**
   * Uploads Brown's training lines as texts and trains an order-4 model with every line indexed.
   */
  public static TrainedBrown trainBrown(Api api, Path corpus) {
    long started = System.nanoTime();
    long dataset = api.upload(textRecords(corpus.resolve("brown.train.txt.gz")));
    double uploadSeconds = (System.nanoTime() - started) / 1e9;
    JsonObject job =
        api.awaitCompleted(
            api.startTraining(
                "{\"kind\": \"ngram\", \"order\": 4, \"datasets\": [" + dataset + "]}"),
            Duration.ofMinutes(30));
    long passages = Http.get(api.url("/api/rag")).json().getJsonNumber("passages").longValue();
    return new TrainedBrown(job, passages, uploadSeconds);
  }

  public static Path textRecords(Path gzip) {
    try {
      Path file = Files.createTempFile("text-records", ".jsonl");
      file.toFile().deleteOnExit();
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
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double elapsedMs(long started) {
    return (System.nanoTime() - started) / 1e6;
  }
}
