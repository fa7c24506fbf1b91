package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.lm.EstimationOptions;
import ai.fromscratch.lm.KneserNeyEstimator;
import ai.fromscratch.lm.ModelFile;
import ai.fromscratch.lm.ProgressListener;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.TestDirs;
import jakarta.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server run as a real process with settings from its environment, the way Render runs it. */
class ServerLifecycleIT {

  @Test
  void dataWrittenBeforeARestartIsStillThereAfterIt() {
    Path data = TestDirs.fresh("lifecycle-restart");
    try (LibertyServer server = LibertyServer.create("fs-restart", data)) {
      server.start();
      JsonArray first = Http.get(server.baseUrl() + "/api/admin/starts").jsonArray();
      server.stop();

      server.start();
      JsonArray second = Http.get(server.baseUrl() + "/api/admin/starts").jsonArray();

      assertEquals(1, first.size());
      assertEquals(2, second.size());
      assertEquals(
          first.getJsonObject(0).getString("startedAt"),
          second.getJsonObject(1).getString("startedAt"),
          "the first start is kept after the restart");
      assertTrue(Files.isDirectory(data.resolve("db")), "Derby lives inside DATA_DIR");
    }
  }

  /**
   * Versions before the fix published a release into a single instance's own Derby after every
   * training job; the next start removes them, and the model files they held.
   */
  @Test
  void releasesAnEarlierVersionPublishedIntoItsOwnDatabaseGoAtTheNextStart() throws SQLException {
    Path data = TestDirs.fresh("lifecycle-releases");
    try (LibertyServer server = LibertyServer.create("fs-releases", data)) {
      server.start();
      server.stop();
      String sha256 = "e".repeat(64);
      derby(
          data,
          "INSERT INTO RELEASE_MANIFEST (PUBLISHED_AT, PUBLISHED_BY, REASON, MANIFEST) VALUES"
              + " (CURRENT_TIMESTAMP, 'this instance', 'training job 1', '"
              + sha256
              + " 3 models/m.lm')",
          "INSERT INTO RELEASE_BLOB_CHUNK (SHA256, SEQ, CHUNK_DATA) VALUES ('"
              + sha256
              + "', 0, CAST(X'010203' AS BLOB))",
          "INSERT INTO RELEASE_BLOB (SHA256, BLOB_SIZE, CHUNK_COUNT) VALUES ('"
              + sha256
              + "', 3, 1)");

      server.start();
      assertTrue(server.log().contains("Removed 1 replaced release(s)"), server.log());
      server.stop();

      assertEquals(
          List.of(0L, 0L, 0L),
          derbyCounts(data, "RELEASE_MANIFEST", "RELEASE_BLOB", "RELEASE_BLOB_CHUNK"));
    }
  }

  private static void derby(Path data, String... statements) throws SQLException {
    inDerby(
        data,
        statement -> {
          for (String sql : statements) {
            statement.executeUpdate(sql);
          }
        });
  }

  private static List<Long> derbyCounts(Path data, String... tables) throws SQLException {
    List<Long> counts = new ArrayList<>();
    inDerby(
        data,
        statement -> {
          for (String table : tables) {
            try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
              count.next();
              counts.add(count.getLong(1));
            }
          }
        });
    return counts;
  }

  /** Runs {@code work} on the stopped server's database, and lets go of it afterwards. */
  private static void inDerby(Path data, DerbyWork work) throws SQLException {
    try (Connection connection = DriverManager.getConnection(derbyUrl(data));
        Statement statement = connection.createStatement()) {
      work.run(statement);
    } finally {
      shutDown(data);
    }
  }

  private interface DerbyWork {
    void run(Statement statement) throws SQLException;
  }

  private static String derbyUrl(Path data) {
    return "jdbc:derby:" + data.resolve("db");
  }

  /** Derby lets one process at a time open a database: this one lets go before the server. */
  private static void shutDown(Path data) {
    try {
      DriverManager.getConnection(derbyUrl(data) + ";shutdown=true").close();
    } catch (SQLException expected) {
      // Derby reports a completed shutdown as an exception (SQL state 08006).
    }
  }

  @Test
  void aFreshServerListensOnThePortFromTheEnvironmentAndAsksForTraining() {
    try (LibertyServer server = LibertyServer.create("fs-port", TestDirs.fresh("lifecycle-port"))) {
      server.start();

      Http.Reply reply = Http.get(server.baseUrl() + "/api/keepalive");

      assertEquals(200, reply.status());
      assertEquals("ok", reply.json().getString("status"));
      Http.Reply chat = Http.postJson(server.baseUrl() + "/api/chat", "{\"message\": \"hello\"}");
      assertEquals(409, chat.status());
      assertTrue(chat.json().getString("error").startsWith("No model is trained yet"));
      String page = Http.get(server.baseUrl() + "/").body();
      assertTrue(page.contains("No model is trained yet") && page.contains("href=\"/data\""));
    }
  }

  @Test
  void startsWithTheActiveModelAndSkipsADamagedFile() throws Exception {
    Path data = TestDirs.fresh("lifecycle-model");
    Path models = Files.createDirectories(data.resolve("models"));
    List<String[]> corpus =
        List.of("the cat sat on the mat", "the dog sat on the log", "a cat and a dog").stream()
            .map(line -> line.split(" "))
            .toList();
    ModelFile.save(
        models.resolve("good.lm"),
        new KneserNeyEstimator(EstimationOptions.ofOrder(3).withDiscountFallback(true))
            .estimate(corpus, ProgressListener.NONE)
            .model(),
        Map.of());
    Files.writeString(models.resolve("damaged.lm"), "not a model");
    Files.writeString(models.resolve("ACTIVE"), "damaged.lm");
    try (LibertyServer server = LibertyServer.create("fs-model", data)) {
      server.start();

      assertTrue(Http.get(server.baseUrl() + "/api/keepalive").json().getBoolean("model_loaded"));
      assertTrue(server.log().contains("Skipping the model file"), server.log());
      assertTrue(server.log().contains("Loaded the model good.lm"), server.log());
      // Nothing is indexed: nothing can support or refute an answer, so the model answers alone
      // rather than saying "I don't know" to everything.
      Http.Reply chat =
          Http.postJson(server.baseUrl() + "/api/chat", "{\"message\": \"the cat\", \"seed\": 1}");
      assertEquals(200, chat.status(), chat.body());
      assertFalse(chat.json().getString("stop_reason").equals("no_answer"), chat.body());
    }
  }

  @Test
  void badSettingStopsStartUpWithOneMessageNamingIt() {
    try (LibertyServer server =
        LibertyServer.create("fs-badconfig", TestDirs.fresh("lifecycle-badconfig"))) {
      server.env("RAG_TOP_K", "abc").env("MAX_CONTEXT_CHARS", "-5");

      server.startExpectingFailure();

      String log = server.log();
      assertTrue(
          log.contains(
              "E Invalid configuration, the server cannot start: RAG_TOP_K=abc: must be a whole"
                  + " number from 1 to 100; MAX_CONTEXT_CHARS=-5: must be a whole number from 0 to 1000000"),
          log);
      assertEquals(
          404,
          Http.get(server.baseUrl() + "/api/keepalive").status(),
          "the app does not serve, so the keepalive health check fails the deploy");
    }
  }
}
