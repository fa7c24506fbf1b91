package ai.fromscratch.chat;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.ChatClients;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.MemoryCgroup;
import ai.fromscratch.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Chat latency through the API with retrieval, 8 clients at once (not a test; run by {@code mvn
 * -Pbench verify -DskipTests}, or {@code java -cp <test classpath>
 * ai.fromscratch.chat.ChatLatencyBenchmark <brown dir> <output.md>} after a build).
 *
 * <p>A server of its own, started as in production (the production jvm.options, a fresh data
 * directory), learns the Brown corpus's training lines as texts (order 4, every line indexed for
 * retrieval); then clients ask the first words of Brown's test lines through {@code POST
 * /api/chat}, with retrieval and the chat's default sampling. Latency is measured at the client,
 * from the request to the whole answer, after unmeasured answers at each number of clients.
 */
public final class ChatLatencyBenchmark {
  private static final int CLIENTS = 8;
  private static final int REQUESTS_PER_CLIENT = 60;
  private static final int WARM_UP = 80;

  /**
   * Answers each of the clients asks before they are measured, as the single client's warm-up:
   * their first requests open their connections and meet the server's first contention.
   */
  private static final int CONCURRENT_WARM_UP = 10;

  private static final int QUESTION_WORDS = 8;

  /**
   * A system property holding JVM options for the server after the production ones, to weigh one
   * (for example {@code -XX:TieredStopAtLevel=4}) or to profile it.
   */
  static final String SERVER_OPTIONS = "bench.serverJvmArgs";

  private ChatLatencyBenchmark() {}

  /** Other questions than those measured, so that no measured answer was just asked. */
  private static List<String> warmUpQuestions(List<String> questions) {
    List<String> rotated = new ArrayList<>(questions);
    Collections.rotate(rotated, questions.size() / 2);
    return rotated;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ChatLatencyBenchmark <brown dir> <output.md>");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    List<String> questions =
        ChatClients.questions(corpus.resolve("brown.test.txt"), QUESTION_WORDS);
    StringBuilder report = new StringBuilder("# Chat latency benchmark\n\n");
    try (LibertyServer server =
        LibertyServer.create("fs-bench-chat", TestDirs.fresh("bench-chat"))) {
      boolean limited = server.limitMemory(MemoryCgroup.RENDER_FREE_MB);
      String serverOptions = System.getProperty(SERVER_OPTIONS, "");
      if (!serverOptions.isBlank()) {
        server.jvmArgs(serverOptions);
        report.append("The server's JVM options after jvm.options: `" + serverOptions + "`.\n\n");
      }
      server.start();
      Api api = new Api(server.baseUrl());
      ChatClients.TrainedBrown model = ChatClients.trainBrown(api, corpus);
      report.append(
          String.format(
              Locale.ROOT,
              "Machine: %d cores; the server %s. Model: %s.%n%n",
              Runtime.getRuntime().availableProcessors(),
              limited
                  ? "in a "
                      + MemoryCgroup.RENDER_FREE_MB
                      + " MB memory cgroup, as on Render's free tier"
                  : "without a memory limit (no cgroup can be made here)",
              model.describe()));

      ChatClients.run(api, questions, 1, WARM_UP);
      ChatClients.Measured single = ChatClients.run(api, questions, 1, REQUESTS_PER_CLIENT * 2);
      ChatClients.run(api, warmUpQuestions(questions), CLIENTS, CONCURRENT_WARM_UP);
      ChatClients.Measured concurrent =
          ChatClients.run(api, questions, CLIENTS, REQUESTS_PER_CLIENT);
      for (ChatClients.Measured run : List.of(single, concurrent)) {
        if (!run.errors().isEmpty()) {
          throw new IllegalStateException("chat failed: " + run.errors().get(0));
        }
      }
      report.append(ChatClients.Measured.header());
      report.append(single.row(1)).append(concurrent.row(CLIENTS));
      report.append(
          String.format(
              Locale.ROOT,
              "%nAnswers averaged %.1f tokens; %d of %d said \"I don't know\" (nothing found fit"
                  + " the question). The design's bar: p95 under 100 ms with retrieval, %d clients"
                  + " at once.%n",
              concurrent.meanTokens(),
              concurrent.declined(),
              concurrent.samples().size(),
              CLIENTS));
    }
    Files.writeString(Path.of(args[1]), report);
    System.out.print(report);
  }
}
