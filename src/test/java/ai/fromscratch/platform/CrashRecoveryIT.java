package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.AppState;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The server killed outright (SIGKILL, as an out-of-memory kill or a host failure would) in the
 * middle of an upload, a training job and a backup, then started again on the same data directory:
 * what was committed before the kill is all there, nothing half-written is visible, and the
 * interrupted work can be done again. One server and one data directory go through the three kills
 * in turn.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {
  private static final String PROBE = "what color is the river number 7";

  /** Large enough that importing, training on or backing it up takes seconds, not milliseconds. */
  private static final int LARGE_RECORDS = 60_000;

  private static LibertyServer server;
  private static Api api;
  private static long largeDataset;
  private static String firstBackup;
  private static AppState atFirstBackup;

  @BeforeAll
  static void serverWithCommittedWork() {
    server = LibertyServer.create("fs-crash", TestDirs.fresh("crash"));
    server.start();
    api = new Api(server.baseUrl());
    long small = api.upload(Uploads.file("crash-small.jsonl", TestData.qaPairs(300, 1)));
    completed(
        api.startTraining("{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + small + "]}"));
    Http.Reply chat = Http.postJson(api.url("/api/chat"), "{\"message\": \"" + PROBE + "?\"}");
    assertEquals(200, chat.status(), chat.body());
    Http.Reply rating =
        Http.postJson(
            api.url("/api/ratings"),
            "{\"exchange_id\": "
                + chat.json().getJsonNumber("exchange_id")
                + ", \"rating\": \"up\", \"comment\": \"kept through crashes\"}");
    assertEquals(200, rating.status(), rating.body());
    largeDataset =
        api.upload(Uploads.file("crash-large.jsonl", TestData.qaPairs(LARGE_RECORDS, 2)));
    Http.Reply backup = Http.post(api.url("/api/backups"), "application/json", "");
    assertEquals(201, backup.status(), backup.body());
    firstBackup = backup.json().getString("name");
    atFirstBackup = AppState.of(api, PROBE);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void killedDuringAnImportTheCommittedDatasetsStayAndNoPartOfTheNewOneShows() throws Exception {
    AppState before = AppState.of(api, PROBE);
    Path file = Uploads.file("crash-interrupted.jsonl", TestData.qaPairs(LARGE_RECORDS, 3));
    Path incoming = server.dataDir().resolve("uploads/incoming");
    CompletableFuture<Http.Reply> upload =
        CompletableFuture.supplyAsync(() -> Uploads.upload(api.url("/api/datasets"), file));

    // The whole file is spooled (its records are going into the database) a moment before the
    // kill: the import is then well under way.
    await(() -> filesIn(incoming).stream().anyMatch(part -> size(part) == size(file)), upload);
    Thread.sleep(1500);
    assertFalse(upload.isDone(), "the import must still be running when the server is killed");
    server.kill();
    assertThrows(ExecutionException.class, () -> upload.get(30, TimeUnit.SECONDS));

    server.start();
    assertTrue(server.log().contains("Removed the partial imports of datasets"), server.log());
    before.assertSameAs(AppState.of(api, PROBE), "after a kill during an import");
    assertEquals(List.of(), filesIn(incoming), "the spooled upload is gone");
    assertEquals(
        201, Uploads.upload(api.url("/api/datasets"), file).status(), "it can be sent again");
  }

  @Test
  @Order(2)
  void killedDuringTrainingTheAnsweringModelStaysAndTheJobResumesToTheSameModel() {
    String answering = api.model();
    String request =
        "{\"kind\": \"ngram\", \"order\": 3, \"index\": false, \"chunk_size\": 2000, \"datasets\": ["
            + largeDataset
            + "]}";
    long job = api.startTraining(request);
    api.awaitJob(
        job,
        Duration.ofMinutes(2),
        status ->
            "corpus".equals(status.getString("step", null))
                && status.getJsonNumber("items_done").longValue()
                    > status.getJsonNumber("items_total").longValue() / 4);
    server.kill();

    server.start();
    JsonObject interrupted = api.job(job);
    assertEquals("failed", interrupted.getString("state"), interrupted.toString());
    assertTrue(interrupted.getString("error").contains("restart it"), interrupted.toString());
    assertEquals(answering, api.model(), "the model that answered before the kill still answers");
    assertEquals(200, api.generate("{\"prompt\": \"the river\", \"seed\": 1}").status());
    assertNoTemporaryFiles("models");

    Http.Reply restart =
        Http.post(api.url("/api/train/" + job + "/restart"), "application/json", "");
    assertEquals(200, restart.status(), restart.body());
    JsonObject resumed = completed(job);
    JsonObject uninterrupted = completed(api.startTraining(request));
    assertNotEquals(answering, api.model(), "the resumed job's model took over");
    JsonObject a = resumed.getJsonObject("result");
    JsonObject b = uninterrupted.getJsonObject("result");
    assertEquals(b.getJsonArray("ngrams"), a.getJsonArray("ngrams"), "the same n-grams per order");
    assertEquals(
        b.getJsonNumber("heldout_perplexity").doubleValue(),
        a.getJsonNumber("heldout_perplexity").doubleValue(),
        1e-9,
        "the same held-out perplexity");
  }

  @Test
  @Order(3)
  void killedDuringABackupOnlyCompleteBackupsShowAndTheyStillRestore() throws Exception {
    AppState before = AppState.of(api, PROBE);
    List<String> backupsBefore = backupNames();
    Path backups = server.dataDir().resolve("backups");
    CompletableFuture<Http.Reply> backup =
        CompletableFuture.supplyAsync(
            () -> Http.post(api.url("/api/backups"), "application/json", ""));

    await(() -> filesIn(backups).stream().anyMatch(CrashRecoveryIT::isTemporary), backup);
    server.kill();
    assertThrows(ExecutionException.class, () -> backup.get(30, TimeUnit.SECONDS));

    server.start();
    assertEquals(backupsBefore, backupNames(), "the interrupted backup is not listed");
    assertNoTemporaryFiles("backups");
    assertTrue(server.log().contains("Deleted files a crash left half-written"), server.log());
    before.assertSameAs(AppState.of(api, PROBE), "after a kill during a backup");

    Http.Reply restored =
        Http.post(api.url("/api/backups/" + firstBackup + "/restore"), "application/json", "");
    assertEquals(200, restored.status(), restored.body());
    atFirstBackup.assertSameAs(AppState.of(api, PROBE), "after restoring the complete backup");
    Http.Reply again = Http.post(api.url("/api/backups"), "application/json", "");
    assertEquals(201, again.status(), "a backup works again: " + again.body());
  }

  private static JsonObject completed(long job) {
    return api.awaitCompleted(job, Duration.ofMinutes(5));
  }

  private static List<String> backupNames() {
    return Http.get(api.url("/api/backups")).json().getJsonArray("backups").stream()
        .map(JsonValue::asJsonObject)
        .map(backup -> backup.getString("name"))
        .toList();
  }

  private static void assertNoTemporaryFiles(String folder) {
    List<Path> left =
        filesIn(server.dataDir().resolve(folder)).stream()
            .filter(CrashRecoveryIT::isTemporary)
            .toList();
    assertEquals(List.of(), left, "half-written files left in " + folder);
  }

  private static boolean isTemporary(Path file) {
    return file.getFileName().toString().endsWith(".tmp");
  }

  /** Waits until {@code condition} holds, failing early if {@code work} ended first. */
  private static void await(BooleanSupplier condition, CompletableFuture<?> work)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (!condition.getAsBoolean()) {
      if (work.isDone()) {
        throw new AssertionError("finished before the kill: " + work.join());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the moment to kill the server never came");
      }
      Thread.sleep(10);
    }
  }

  private static List<Path> filesIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
