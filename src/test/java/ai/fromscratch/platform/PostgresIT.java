package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.AppState;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.PostgresServer;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The app on a real PostgreSQL server (DB_URL): a user who outgrows the embedded Derby moves to a
 * shared database and everything that is stored works there as well: datasets and their records,
 * training jobs (the batch runtime's tables too), conversations, ratings, analytics and exports,
 * backups and restores, and all of it still there after a restart and after a crash; and, with no
 * S3 bucket, the models published for other instances as releases in PostgreSQL itself.
 */
class PostgresIT {
  private static final String PROBE = "How long is the warranty of the Zephyr kettle";

  @Test
  void everythingStoredWorksOnPostgresqlAndOutlivesRestartsAndCrashes() throws SQLException {
    Optional<Path> postgres = PostgresServer.installation();
    Assumptions.assumeTrue(postgres.isPresent(), PostgresServer.MISSING);
    Path data = TestDirs.fresh("postgres");
    try (PostgresServer database = PostgresServer.start(postgres.get());
        LibertyServer server =
            LibertyServer.create("fs-postgres", data).env("DB_URL", database.jdbcUrl())) {
      server.start();
      Api api = new Api(server.baseUrl());

      long helpDesk =
          api.upload(Uploads.file("pg-help.jsonl", TestData.unique(TestData.HELP_DESK)));
      long pairs = api.upload(Uploads.file("pg-pairs.jsonl", TestData.qaPairs(400, 9)));
      long dropped = api.upload(Uploads.file("pg-dropped.jsonl", TestData.qaPairs(50, 10)));
      assertEquals(204, Http.send(delete(api.url("/api/datasets/" + dropped))).status());
      JsonObject page =
          Http.get(api.url("/api/datasets/" + pairs + "/records?offset=100&limit=5")).json();
      assertEquals(5, page.getJsonArray("records").size(), page.toString());
      completed(
          api,
          "{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + helpDesk + ", " + pairs + "]}");
      completed(api, "{\"kind\": \"bpe\", \"vocab_size\": 300, \"datasets\": [" + helpDesk + "]}");

      JsonObject first = chat(api, "{\"message\": \"" + PROBE + "?\"}");
      long conversation = first.getJsonNumber("conversation_id").longValue();
      chat(
          api, "{\"message\": \"And the blue light?\", \"conversation_id\": " + conversation + "}");
      Http.Reply renamed =
          Http.send(
              HttpRequest.newBuilder(URI.create(api.url("/api/conversations/" + conversation)))
                  .header("Content-Type", "application/json")
                  .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"Kettle\"}")));
      assertEquals(200, renamed.status(), renamed.body());
      Http.Reply rated =
          Http.postJson(
              api.url("/api/ratings"),
              "{\"exchange_id\": "
                  + first.getJsonNumber("exchange_id")
                  + ", \"rating\": \"down\"}");
      assertEquals(200, rated.status(), rated.body());
      assertEquals(1, Http.get(api.url("/api/ratings?rating=down")).jsonArray().size());
      JsonObject analytics = Http.get(api.url("/api/analytics?range=all")).json();
      assertEquals(2, analytics.getJsonObject("summary").getInt("messages"), analytics.toString());
      String export = Http.get(api.url("/api/admin/exports/conversations?format=jsonl")).body();
      assertTrue(export.contains("Zephyr kettle"), export);

      Http.Reply backup = Http.post(api.url("/api/backups"), "application/json", "");
      assertEquals(201, backup.status(), backup.body());
      AppState stored = AppState.of(api, PROBE);
      chat(api, "{\"message\": \"Where do I find my invoice?\"}");
      Http.Reply restored =
          Http.post(
              api.url("/api/backups/" + backup.json().getString("name") + "/restore"),
              "application/json",
              "");
      assertEquals(200, restored.status(), restored.body());
      stored.assertSameAs(AppState.of(api, PROBE), "after a restore on PostgreSQL");

      server.stop();
      server.start();
      stored.assertSameAs(AppState.of(api, PROBE), "after a restart");
      server.kill();
      server.start();
      stored.assertSameAs(AppState.of(api, PROBE), "after a crash");
      long next =
          chat(api, "{\"message\": \"How do I reset my router?\"}")
              .getJsonNumber("conversation_id")
              .longValue();
      assertTrue(next > stored.maxConversationId(), "ids go on after the restored ones: " + next);

      assertFalse(Files.exists(data.resolve("db")), "no Derby database was made");
      try (Connection connection = database.connect();
          ResultSet tables =
              connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        int count = 0;
        while (tables.next()) {
          count++;
        }
        assertTrue(
            count >= 8, "the app's and the batch runtime's tables are in PostgreSQL: " + count);
      }
      try (Connection connection = database.connect();
          Statement statement = connection.createStatement();
          ResultSet releases =
              statement.executeQuery(
                  "SELECT (SELECT COUNT(*) FROM RELEASE_MANIFEST),"
                      + " (SELECT COUNT(*) FROM RELEASE_BLOB),"
                      + " (SELECT COUNT(*) FROM RELEASE_BLOB_CHUNK)")) {
        releases.next();
        assertTrue(
            releases.getLong(1) >= 2 && releases.getLong(2) > 0 && releases.getLong(3) > 0,
            "without S3, the trained models were published into PostgreSQL as releases");
      }
    }
  }

  private static void completed(Api api, String request) {
    api.awaitCompleted(api.startTraining(request), Duration.ofMinutes(3));
  }

  private static JsonObject chat(Api api, String body) {
    Http.Reply reply = Http.postJson(api.url("/api/chat"), body);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private static HttpRequest.Builder delete(String url) {
    return HttpRequest.newBuilder(URI.create(url)).DELETE();
  }
}
