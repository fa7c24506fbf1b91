package ai.fromscratch.release;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.ChatClients;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.MemoryCgroup;
import ai.fromscratch.testing.PostgresServer;
import ai.fromscratch.testing.ReverseProxy;
import ai.fromscratch.testing.S3TestServer;
import ai.fromscratch.testing.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chat throughput on one instance against two behind a load balancer, on one PostgreSQL and one S3
 * bucket (not a test; run by {@code mvn -Pbench verify -DskipTests}, or {@code java -cp <test
 * classpath> [-Dbench.requests=<questions per client>] ai.fromscratch.release.ScaleOutBenchmark
 * <brown dir> <output.md>} after a build).
 *
 * <p>Two servers, each started as in production in a memory cgroup of its own, share the database
 * and the bucket. The first learns Brown's training lines as texts (order 4, every line indexed) on
 * two cores while the second, on one, waits for the release. Then 16 clients ask the first words of
 * Brown's test lines through {@code POST /api/chat}: of the first alone on two cores, and of both,
 * restarted on one core each (the same CPU in all), through {@link ReverseProxy}. Latency is
 * measured at the client; the database's work per chat on PostgreSQL itself.
 */
public final class ScaleOutBenchmark {
  private static final int CLIENTS = 16;
  private static final int REQUESTS_PER_CLIENT = Integer.getInteger("bench.requests", 60);
  private static final int WARM_UP_PER_INSTANCE = 160;
  private static final int QUESTION_WORDS = 8;
  private static final int RELEASE_POLL_SECONDS = 5;
  private static final Duration WAIT_TIMEOUT = Duration.ofMinutes(5);
  private static final String BUCKET = "fromscratch-bench";
  private static final String STATEMENTS_LIBRARY = "pg_stat_statements";
  private static final Pattern PUBLISHED =
      Pattern.compile("Published release \\d+ .* in (\\d+) ms");
  private static final Pattern BACKUP_UPLOADED = Pattern.compile("Backup \\S+ uploaded to");

  /**
   * The app's own statements in the app's database. This benchmark's queries all read pg_stat_
   * views; transaction control is counted as transactions, and pg_stat_statements misses most
   * COMMITs the JDBC driver sends.
   */
  private static final String APP_STATEMENTS =
      " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database"
          + " WHERE datname = current_database()) AND query NOT LIKE '%pg_stat%'"
          + " AND query NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK')";

  private ScaleOutBenchmark() {}

  /** One setup measured: the clients' view and the database's. */
  private record Row(String setup, String cpus, ChatClients.Measured chats, DatabaseWork work) {
    String format() {
      int answers = chats.samples().size();
      return String.format(
          Locale.ROOT,
          "| %s | %s | %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %s | %.2f |%n",
          setup,
          cpus,
          CLIENTS,
          answers,
          chats.errors().size(),
          chats.answersPerSecond(),
          chats.clientPercentile(50),
          chats.clientPercentile(95),
          chats.serverPercentile(50),
          work.statements().isEmpty()
              ? "n/a"
              : String.format(
                  Locale.ROOT, "%.1f", (double) work.statements().getAsLong() / answers),
          (double) work.transactions() / answers);
    }

    static String header() {
      return "| setup | CPUs | clients | answers | errors | answers/s | p50 ms | p95 ms |"
          + " server p50 ms | SQL statements/chat | transactions/chat |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|\n";
    }
  }

  /**
   * What the app's database did in a phase: statements by pg_stat_statements (empty without it),
   * transactions committed or rolled back, and the most frequent statements as table rows.
   */
  private record DatabaseWork(
      OptionalLong statements, long transactions, List<String> mostFrequent) {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ScaleOutBenchmark <brown dir> <output.md>");
      System.exit(2);
    }
    Path output = Path.of(args[1]);
    Optional<Path> postgres = PostgresServer.installation();
    if (postgres.isEmpty()) {
      String skipped = "ScaleOutBenchmark skipped: " + PostgresServer.MISSING + "\n";
      Files.writeString(output, "# Scale-out benchmark\n\n" + skipped);
      System.out.print(skipped);
      return;
    }
    List<String> allowed = allowedCpus();
    if (allowed.size() < 2) {
      throw new IllegalStateException("two CPUs needed; this process may run on " + allowed);
    }
    StringBuilder report = new StringBuilder("# Scale-out benchmark\n\n");
    report.append(heading(args, allowed));
    run(Path.of(args[0]), postgres.get(), allowed.subList(0, 2), report);
    Files.writeString(output, report);
    System.out.print(report);
  }

  private static void run(Path corpus, Path postgres, List<String> cpus, StringBuilder report)
      throws SQLException {
    List<String> questions =
        ChatClients.questions(corpus.resolve("brown.test.txt"), QUESTION_WORDS);
    String both = String.join(",", cpus);
    boolean preload = Files.exists(postgres.resolveSibling("lib/" + STATEMENTS_LIBRARY + ".so"));
    try (PostgresServer database =
            preload
                ? PostgresServer.start(postgres, "shared_preload_libraries=" + STATEMENTS_LIBRARY)
                : PostgresServer.start(postgres);
        S3TestServer s3 = S3TestServer.start(TestDirs.fresh("bench-scale-out-s3"));
        LibertyServer a = instance("fs-bench-scale-a", database, s3);
        LibertyServer b = instance("fs-bench-scale-b", database, s3)) {
      boolean statements = preload && createStatementsExtension(database);
      s3.createBucket(BUCKET);
      boolean limited = a.limitMemory(MemoryCgroup.RENDER_FREE_MB);
      limited &= b.limitMemory(MemoryCgroup.RENDER_FREE_MB);
      // One after the other: the first creates the tables.
      a.cpus(both).start();
      b.cpus(cpus.get(1)).start();
      String training = train(new Api(a.baseUrl()), corpus);
      long completed = System.nanoTime();
      String model = modelId(a);
      await(() -> model.equals(modelId(b)), "the second instance's adoption of " + model);
      double adoptionSeconds = (System.nanoTime() - completed) / 1e9;
      report.append(setup(limited, training, both));

      b.stop();
      // The backup the first instance takes after a job would share the measured phase's CPU.
      await(() -> BACKUP_UPLOADED.matcher(a.log()).find(), "the backup after training");
      Row one = measure("1 instance", both, new Api(a.baseUrl()), 1, questions, database);
      double publishSeconds = publishSeconds(a);
      a.stop();
      a.cpus(cpus.get(0)).start();
      b.start();
      await(() -> model.equals(modelId(a)) && model.equals(modelId(b)), "both on " + model);
      Row two;
      try (ReverseProxy proxy = ReverseProxy.roundRobin(List.of(a.baseUrl(), b.baseUrl()))) {
        two =
            measure(
                "2 instances, round robin",
                cpus.get(0) + " and " + cpus.get(1),
                new Api(proxy.baseUrl()),
                2,
                questions,
                database);
      }
      report.append(Row.header()).append(one.format()).append(two.format());
      report.append(notes(adoptionSeconds, publishSeconds, statements, two));
    }
  }

  private static LibertyServer instance(String name, PostgresServer database, S3TestServer s3) {
    return LibertyServer.create(name, TestDirs.fresh(name))
        .sharing(database, s3, BUCKET)
        .env("RELEASE_POLL_SECONDS", String.valueOf(RELEASE_POLL_SECONDS))
        // The default queue (8 behind 4 answers at once) refuses a lone instance's 13th client:
        // every client waits its turn instead, so both setups answer all and are compared alike.
        .env("GENERATION_QUEUE", String.valueOf(CLIENTS))
        // A backup taken during a measured phase would be measured with it.
        .env("BACKUP_SCHEDULE", "off");
  }

  /** Trains the model every setup answers with, and says what it is. */
  private static String train(Api api, Path corpus) {
    return ChatClients.trainBrown(api, corpus).describe();
  }

  private static Row measure(
      String setup,
      String cpus,
      Api api,
      int instances,
      List<String> questions,
      PostgresServer database)
      throws SQLException {
    ChatClients.run(api, questions, CLIENTS, WARM_UP_PER_INSTANCE * instances / CLIENTS);
    long transactions = startCounting(database);
    ChatClients.Measured chats = ChatClients.run(api, questions, CLIENTS, REQUESTS_PER_CLIENT);
    DatabaseWork work = counted(database, transactions, chats.samples().size());
    if (!chats.errors().isEmpty()) {
      throw new IllegalStateException(setup + ": chat failed: " + chats.errors().get(0));
    }
    return new Row(setup, cpus, chats, work);
  }

  private static boolean createStatementsExtension(PostgresServer database) {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE EXTENSION " + STATEMENTS_LIBRARY);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Resets pg_stat_statements where it is there; returns the transactions so far. */
  private static long startCounting(PostgresServer database) throws SQLException {
    settle();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      if (hasStatements(statement)) {
        statement.execute("SELECT pg_stat_statements_reset()");
      }
      return transactions(statement);
    }
  }

  private static DatabaseWork counted(PostgresServer database, long transactionsBefore, int chats)
      throws SQLException {
    settle();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      long transactions = transactions(statement) - transactionsBefore;
      if (!hasStatements(statement)) {
        return new DatabaseWork(OptionalLong.empty(), transactions, List.of());
      }
      long calls = single(statement, "SELECT coalesce(sum(calls), 0)" + APP_STATEMENTS);
      List<String> mostFrequent = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT calls, query" + APP_STATEMENTS + " ORDER BY calls DESC LIMIT 8")) {
        while (rows.next()) {
          mostFrequent.add(
              String.format(
                  Locale.ROOT,
                  "| %.2f | `%s` |%n",
                  rows.getLong(1) / (double) chats,
                  abbreviate(rows.getString(2))));
        }
      }
      return new DatabaseWork(OptionalLong.of(calls), transactions, mostFrequent);
    }
  }

  /**
   * Waits for PostgreSQL's backends to publish their transaction counts, which they do at most once
   * a second.
   */
  private static void settle() {
    sleep(1500);
  }

  private static boolean hasStatements(Statement statement) throws SQLException {
    return single(
            statement,
            "SELECT count(*) FROM pg_extension WHERE extname = '" + STATEMENTS_LIBRARY + "'")
        > 0;
  }

  private static long transactions(Statement statement) throws SQLException {
    return single(
        statement,
        "SELECT xact_commit + xact_rollback FROM pg_stat_database"
            + " WHERE datname = current_database()");
  }

  private static long single(Statement statement, String query) throws SQLException {
    try (ResultSet row = statement.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static String abbreviate(String query) {
    String line = query.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'");
    return line.length() > 120 ? line.substring(0, 117) + "..." : line;
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + what + " within " + WAIT_TIMEOUT);
      }
      sleep(100);
    }
  }

  private static String modelId(LibertyServer server) {
    Http.Reply reply = Http.get(server.baseUrl() + "/api/model");
    return reply.status() == 200 ? reply.json().getString("id", "") : "";
  }

  /** How long the first instance took to publish its release after the job, from its log. */
  private static double publishSeconds(LibertyServer server) {
    Matcher published = PUBLISHED.matcher(server.log());
    if (!published.find()) {
      throw new IllegalStateException("no release published in the log of " + server.baseUrl());
    }
    return Long.parseLong(published.group(1)) / 1000.0;
  }

  private static String heading(String[] args, List<String> allowed) throws IOException {
    return String.format(
        Locale.ROOT,
        "%s. Machine: nproc %d (CPUs %s), %s. Command: `%s`.%n%n",
        LocalDate.now(),
        allowed.size(),
        String.join(",", allowed),
        cpuModel(),
        command(args));
  }

  private static String setup(boolean limited, String training, String both) {
    return String.format(
        Locale.ROOT,
        "Each instance: the production jvm.options, %s, pinned to its CPUs with `taskset`;"
            + " one PostgreSQL (`DB_URL`) and one S3 bucket (s3proxy) shared,"
            + " RELEASE_POLL_SECONDS %d, GENERATION_QUEUE %d (the default 8, behind 4 answers at"
            + " once, would refuse a lone instance's 13th client). Model: %s, trained on the first"
            + " instance on CPUs %s. %d clients ask the first %d words of Brown's test lines"
            + " through `POST /api/chat`, %d each, after %d questions per instance to warm"
            + " up.%n%n",
        limited
            ? "in a " + MemoryCgroup.RENDER_FREE_MB + " MB memory cgroup of its own"
            : "without a memory limit (no cgroup can be made here)",
        RELEASE_POLL_SECONDS,
        CLIENTS,
        training,
        both,
        CLIENTS,
        QUESTION_WORDS,
        REQUESTS_PER_CLIENT,
        WARM_UP_PER_INSTANCE);
  }

  private static String notes(
      double adoptionSeconds, double publishSeconds, boolean statements, Row two) {
    StringBuilder notes =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%nThe second instance answered with the first's model %.1f s after the job"
                    + " completed on the first (the job's state polled every 200 ms, the second's"
                    + " `GET /api/model` every 100 ms). Of that, the first took %.1f s to publish"
                    + " the release (its log), beside the backup it takes after a job; the second"
                    + " looks for a release every %d s.%n%n"
                    + "The clients, the proxy, s3proxy and PostgreSQL are not pinned: they share"
                    + " the same two cores with the instances. Latency is measured at the client;"
                    + " server p50 is the app's own `latency_ms`. Transactions are"
                    + " pg_stat_database's commits and rollbacks during the measured phase. %s"
                    + " The counts include whatever else used the database meanwhile, such as"
                    + " the instances looking for a newer release every %d s.%n",
                adoptionSeconds,
                publishSeconds,
                RELEASE_POLL_SECONDS,
                statements
                    ? "SQL statements are the calls pg_stat_statements counted in the app's"
                        + " database over the same phase, BEGIN and COMMIT left out."
                    : "SQL statements could not be counted: pg_stat_statements is not available"
                        + " here.",
                RELEASE_POLL_SECONDS));
    if (statements) {
      notes.append("\nThe most frequent statements with two instances:\n\n");
      notes.append("| calls/chat | statement |\n|---|---|\n");
      two.work().mostFrequent().forEach(notes::append);
    }
    return notes.toString();
  }

  /** The CPUs this process may run on (those nproc counts), from /proc/self/status. */
  private static List<String> allowedCpus() throws IOException {
    String list =
        Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("Cpus_allowed_list:"))
            .findFirst()
            .orElseThrow()
            .substring("Cpus_allowed_list:".length())
            .strip();
    List<String> cpus = new ArrayList<>();
    for (String range : list.split(",")) {
      String[] ends = range.split("-");
      int last = Integer.parseInt(ends[ends.length - 1]);
      for (int cpu = Integer.parseInt(ends[0]); cpu <= last; cpu++) {
        cpus.add(String.valueOf(cpu));
      }
    }
    return cpus;
  }

  private static String cpuModel() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("CPU model unknown");
  }

  private static String command(String[] args) {
    StringBuilder command = new StringBuilder("java -cp <test classpath>");
    for (String property : List.of("it.server.name", "bench.requests")) {
      if (System.getProperty(property) != null) {
        command.append(" -D").append(property).append('=').append(System.getProperty(property));
      }
    }
    command.append(' ').append(ScaleOutBenchmark.class.getName());
    return command.append(' ').append(String.join(" ", args)).toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
