package ai.fromscratch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The built server run as a real process ({@code bin/server run}), the way Render runs it: its own
 * name, port and data directory, settings from environment variables, the WAR in dropins. Tests use
 * it where they must restart or kill the server, or give it a different environment.
 */
public final class LibertyServer implements AutoCloseable {
  private static final Path WLP = Path.of("target/liberty/wlp").toAbsolutePath();
  private static final Path TEMPLATE =
      WLP.resolve("usr/servers/" + System.getProperty("it.server.name", "fromscratch-it"));
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final String APP_STARTED = "CWWKZ0001I";

  /** "was not started" when a listener fails, "exception while starting" when a bean does. */
  private static final String APP_NOT_STARTED = "CWWKZ0012I|CWWKZ0002E";

  private static final String SERVER_READY = "CWWKF0011I";

  private final String name;
  private final int port;
  private final Path dataDir;
  private final Map<String, String> environment = new HashMap<>();
  private Process process;
  private Duration lastStart;
  private MemoryCgroup cgroup;
  private String cpus;

  private LibertyServer(String name, Path dataDir) {
    this.name = name;
    this.port = freePort();
    this.dataDir = dataDir;
  }

  /** A fresh server definition named {@code name} that keeps its data in {@code dataDir}. */
  public static LibertyServer create(String name, Path dataDir) {
    LibertyServer server = new LibertyServer(name, dataDir);
    server.install();
    return server;
  }

  /** JVM options added after jvm.options (the last -Xmx wins), for example a smaller heap. */
  public LibertyServer jvmArgs(String arguments) {
    return env("JVM_ARGS", arguments);
  }

  /**
   * Runs the server in a memory cgroup of {@code limitMb} from its next start, as a container on
   * Render runs it; false where no cgroup can be made here (the server then runs without one).
   */
  public boolean limitMemory(long limitMb) {
    cgroup = MemoryCgroup.create(name, limitMb).orElse(null);
    return cgroup != null;
  }

  /**
   * Runs the server on only the CPUs {@code cpus} (taskset's list, e.g. {@code "0"} or {@code
   * "0,1"}) from its next start, as a container given fewer cores would run it.
   */
  public LibertyServer cpus(String cpus) {
    this.cpus = cpus;
    return this;
  }

  /** The cgroup the server runs in, when {@link #limitMemory} made one. */
  public Optional<MemoryCgroup> cgroup() {
    return Optional.ofNullable(cgroup);
  }

  /**
   * The settings of an instance that shares one database, one S3 bucket and the cookies' key with
   * others, as several instances behind one address do.
   */
  public LibertyServer sharing(PostgresServer database, S3TestServer s3, String bucket) {
    return env("DB_URL", database.jdbcUrl())
        .env("S3_BUCKET", bucket)
        .env("S3_KEY", S3TestServer.ACCESS_KEY)
        .env("S3_SECRET", S3TestServer.SECRET_KEY)
        .env("S3_REGION", S3TestServer.REGION)
        .env("S3_ENDPOINT", s3.endpoint())
        .env("SESSION_SECRET", "one secret for every instance");
  }

  public LibertyServer env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path messagesLog() {
    return serverDir().resolve("logs/messages.log");
  }

  /** Starts the server and waits until the application has started and the port is open. */
  public void start() {
    long started = System.nanoTime();
    startProcess();
    awaitLog("the application did not start", APP_STARTED, SERVER_READY);
    lastStart = Duration.ofNanos(System.nanoTime() - started);
  }

  /** How long the last {@link #start()} took, from launching the process to serving the app. */
  public Duration lastStart() {
    return lastStart;
  }

  /** Starts the server and waits until it is up with the application refused. */
  public void startExpectingFailure() {
    startProcess();
    awaitLog("the application did not fail as expected", APP_NOT_STARTED, SERVER_READY);
  }

  /** Stops the server cleanly, as a shutdown on Render would. */
  public void stop() {
    if (process == null) {
      return;
    }
    run(WLP.resolve("bin/server").toString(), "stop", name);
    waitForExit();
  }

  /** Kills the server at once (SIGKILL), as a crash or an out-of-memory kill would. */
  public void kill() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitForExit();
  }

  /** Resident memory of a process, in MB: all of it, its own, and mapped files (the kernel's). */
  public record Memory(double residentMb, double anonymousMb, double fileMb) {}

  /** The server process's resident memory now (from /proc, so Linux only). */
  public Memory memory() {
    return new Memory(statusMb("VmRSS"), statusMb("RssAnon"), statusMb("RssFile"));
  }

  /** The most resident memory the server process has had, in MB. */
  public double peakResidentMb() {
    return statusMb("VmHWM");
  }

  private double statusMb(String field) {
    if (process == null) {
      throw new IllegalStateException("Server " + name + " is not running");
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
      throw new IllegalStateException("No " + field + " in /proc for server " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String log() {
    try {
      return Files.exists(messagesLog())
          ? Files.readString(messagesLog(), StandardCharsets.UTF_8)
          : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
    if (cgroup != null) {
      cgroup.close();
    }
  }

  private void install() {
    try {
      Path dir = serverDir();
      Files.createDirectories(dir.resolve("dropins"));
      Files.copy(
          TEMPLATE.resolve("server.xml"),
          dir.resolve("server.xml"),
          StandardCopyOption.REPLACE_EXISTING);
      for (String file : List.of("jvm.options", "server.env")) {
        Files.copy(TEMPLATE.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.copy(
          Path.of(System.getProperty("it.war", "target/from-scratch-ai.war")),
          dir.resolve("dropins/from-scratch-ai.war"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot install the test server " + name, e);
    }
  }

  private void startProcess() {
    try {
      Files.deleteIfExists(messagesLog());
      List<String> command = new ArrayList<>();
      if (cpus != null) {
        command.addAll(List.of("taskset", "-c", cpus));
      }
      command.addAll(List.of(WLP.resolve("bin/server").toString(), "run", name));
      ProcessBuilder builder =
          new ProcessBuilder(cgroup == null ? command : cgroup.wrap(command))
              .redirectErrorStream(true)
              .redirectOutput(serverDir().resolve("console-run.log").toFile());
      builder
          .environment()
          .putAll(
              Map.of(
                  "PORT",
                  String.valueOf(port),
                  "HTTPS_PORT",
                  String.valueOf(freePort()),
                  "DATA_DIR",
                  dataDir.toString(),
                  // Tests chat and upload faster than people; a test that checks the limits sets
                  // them with env().
                  "RATE_LIMIT_CHAT_PER_MINUTE",
                  "0",
                  "RATE_LIMIT_UPLOADS_PER_HOUR",
                  "0",
                  "RATE_LIMIT_API_PER_MINUTE",
                  "0"));
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the test server " + name, e);
    }
  }

  private void awaitLog(String failure, String... codes) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String log = log();
      if (Arrays.stream(codes).allMatch(code -> Pattern.compile(code).matcher(log).find())) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Server " + name + " exited: " + failure + "\n" + log());
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "Server " + name + ": " + failure + " within " + START_TIMEOUT + "\n" + log());
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private Path serverDir() {
    return WLP.resolve("usr/servers/" + name);
  }

  private static void run(String... command) {
    try {
      new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(90, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
