package ai.fromscratch.testing;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of the test's own (Debian's {@code postgresql} package): a fresh cluster
 * in a temporary directory, listening on 127.0.0.1 at a free port, trusting local connections, with
 * one empty database. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres}
 * user the package creates.
 */
public final class PostgresServer implements AutoCloseable {
  /** What to tell a user whose machine lacks the server. */
  public static final String MISSING =
      "PostgreSQL is not installed: apt-get install -y postgresql (.ci/run installs it)";

  private static final String USER = "app";
  private static final String DATABASE = "fromscratch";

  private final Path bin;
  private final Path cluster;
  private final int port;

  private PostgresServer(Path bin, Path cluster, int port) {
    this.bin = bin;
    this.cluster = cluster;
    this.port = port;
  }

  /** The newest installed PostgreSQL's programs, if any. */
  public static Optional<Path> installation() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
          .max(
              Comparator.comparing(
                  bin -> Integer.parseInt(bin.getParent().getFileName().toString())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates a cluster and starts it with the server settings {@code settings} (each {@code
   * name=value}, e.g. {@code shared_preload_libraries=pg_stat_statements}); the database is empty
   * and ready.
   */
  public static PostgresServer start(Path bin, String... settings) {
    try {
      Path cluster = Files.createTempDirectory("fromscratch-pg");
      PostgresServer server = new PostgresServer(bin, cluster, freePort());
      server.initialize(settings);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC URL of the database, credentials included, as DB_URL takes it. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER;
  }

  /** Runs SQL on the database, for checks a test makes behind the app's back. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  private void initialize(String[] settings) throws IOException {
    if (isRoot()) {
      run("chown", "postgres", cluster.toString());
    }
    runAsOwner(
        bin.resolve("initdb").toString(),
        "-D",
        cluster.resolve("data").toString(),
        "-U",
        USER,
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-sync");
    runAsOwner(
        bin.resolve("pg_ctl").toString(),
        "-D",
        cluster.resolve("data").toString(),
        "-l",
        cluster.resolve("server.log").toString(),
        "-w",
        "-o",
        "-h 127.0.0.1 -p "
            + port
            + " -k "
            + cluster
            + " -c fsync=off"
            + Arrays.stream(settings).map(setting -> " -c " + setting).collect(joining()),
        "start");
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the test database: " + log(), e);
    }
  }

  @Override
  public void close() {
    try {
      runAsOwner(
          bin.resolve("pg_ctl").toString(),
          "-D",
          cluster.resolve("data").toString(),
          "-m",
          "immediate",
          "stop");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      TestDirs.deleteRecursively(cluster);
    }
  }

  private String log() {
    try {
      return Files.readString(cluster.resolve("server.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no server log)";
    }
  }

  private void runAsOwner(String... command) throws IOException {
    List<String> line = new ArrayList<>();
    if (isRoot()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    run(line.toArray(String[]::new));
  }

  private static void run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
