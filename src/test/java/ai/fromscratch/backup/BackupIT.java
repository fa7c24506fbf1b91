package ai.fromscratch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.AppState;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.S3TestServer;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backups through a real server and a real S3-compatible server (s3proxy in this JVM): back up,
 * wipe the data directory, restore on boot; damaged and tampered archives refused with nothing
 * changed; S3 down then back (the scheduled run uploads what failed); a backup taken during a chat
 * load and a training job restores to a state that hangs together.
 */
class BackupIT {
  private static final String BUCKET = "fromscratch-backups";
  private static final int MAX_LOAD_CONVERSATIONS = 400;
  private static final int MAX_LOAD_RATINGS = 800;
  private static final String TEST_TEXT = "How long is the warranty of the Zephyr kettle";

  private static S3TestServer s3;
  private static Path s3Storage;
  private static LibertyServer server;
  private static Api api;

  @BeforeAll
  static void serversWithAModelAndAConversation() {
    s3Storage = TestDirs.fresh("backup-s3");
    s3 = S3TestServer.start(s3Storage);
    s3.createBucket(BUCKET);
    server =
        LibertyServer.create("fs-backup", TestDirs.fresh("backup"))
            .env("S3_BUCKET", BUCKET)
            .env("S3_KEY", S3TestServer.ACCESS_KEY)
            .env("S3_SECRET", S3TestServer.SECRET_KEY)
            .env("S3_REGION", S3TestServer.REGION)
            .env("S3_ENDPOINT", s3.endpoint())
            // As on Render: a restored instance still knows its visitors (their cookies' key).
            .env("SESSION_SECRET", "backup-it session secret")
            .env("BACKUP_SCHEDULE", "1m")
            .env("BACKUP_KEEP", "4");
    server.start();
    api = new Api(server.baseUrl());
    assertTrue(server.log().contains("holds no backup yet"), "a first start finds S3 empty");

    long dataset = api.upload(Uploads.file("help-desk.jsonl", TestData.unique(TestData.HELP_DESK)));
    awaitCompleted("{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset + "]}");
    awaitCompleted("{\"kind\": \"bpe\", \"vocab_size\": 300, \"datasets\": [" + dataset + "]}");
    JsonObject answer = chat("{\"message\": \"How do I reset my router?\", \"seed\": 3}");
    rate(answer.getJsonNumber("exchange_id").longValue(), "up", "clear and short");
    Http.Reply renamed =
        Http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        api.url("/api/conversations/" + answer.getJsonNumber("conversation_id"))))
                .method(
                    "PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"Router help\"}"))
                .header("Content-Type", "application/json"));
    assertEquals(200, renamed.status(), renamed.body());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void aBackupRestoredOnBootIntoAnEmptyDataDirectoryBringsEverythingBack() {
    AppState before = AppState.of(api, TEST_TEXT);
    JsonObject backup = createBackup();
    String name = backup.getString("name");
    assertTrue(backup.getBoolean("s3"), backup.toString());
    assertTrue(s3.keys(BUCKET).contains("backups/" + name), s3.keys(BUCKET).toString());

    // The container's start.sh turns Render's SIGTERM into this graceful stop (StartScriptTest).
    server.stop();
    java.util.regex.Matcher shutdown =
        java.util.regex.Pattern.compile("Backup (\\S+) written \\(shutdown:").matcher(server.log());
    assertTrue(shutdown.find(), "stopping took a backup");
    String atShutdown = shutdown.group(1);
    assertTrue(s3.keys(BUCKET).contains("backups/" + atShutdown), "and uploaded it");
    assertTrue(atShutdown.compareTo(name) > 0, atShutdown + " is newer than " + name);
    TestDirs.deleteRecursively(server.dataDir());
    server.start();

    assertTrue(
        server.log().contains("Restored " + atShutdown),
        "the backup taken at the stop is the one restored");
    AppState after = AppState.of(api, TEST_TEXT);
    before.assertSameAs(after, "after the restore on boot");
    assertTrue(after.perplexity() > 1, after.toString());

    JsonObject next = chat("{\"message\": \"Where do I find my invoice?\", \"seed\": 5}");
    assertTrue(
        next.getJsonNumber("conversation_id").longValue() > before.maxConversationId(),
        "ids continue after the restored ones: " + next);
    rate(next.getJsonNumber("exchange_id").longValue(), "down", null);
  }

  @Test
  void damagedOrTamperedArchivesAreRefusedAndNothingChanges() throws IOException {
    String name = createBackup().getString("name");
    Path backups = server.dataDir().resolve("backups");
    byte[] good = Files.readAllBytes(backups.resolve(name));
    AppState before = AppState.of(api, TEST_TEXT);

    byte[] damaged = good.clone();
    for (int i = damaged.length / 3; i < damaged.length / 3 + 64; i++) {
      damaged[i] ^= 0x5A;
    }
    Files.write(backups.resolve("backup-20000101-000000-001.zip"), damaged);
    Files.write(
        backups.resolve("backup-20000101-000000-002.zip"),
        rewriteManifest(
            backups.resolve(name),
            m -> m.replaceFirst("\"sha256\":\"[0-9a-f]{8}", "\"sha256\":\"00000000")));
    Files.write(
        backups.resolve("backup-20000101-000000-003.zip"),
        archiveWithOneEntry("../../evil.txt", "escaped".getBytes(StandardCharsets.UTF_8)));
    Files.write(backups.resolve("backup-20000101-000000-004.zip"), "not a zip".getBytes());

    Map<String, String> refusals =
        Map.of(
            "backup-20000101-000000-001.zip", "cannot be restored",
            "backup-20000101-000000-002.zip", "does not match the checksum",
            "backup-20000101-000000-003.zip", "unsafe path",
            "backup-20000101-000000-004.zip", "damaged");
    refusals.forEach(
        (archive, reason) -> {
          Http.Reply reply = restore(archive);
          assertEquals(422, reply.status(), archive + ": " + reply.body());
          assertTrue(reply.json().getString("error").contains(reason), reply.body());
        });
    assertEquals(404, restore("backup-20991231-000000-000.zip").status());
    int traversal = restore("..%2F..%2Fetc%2Fpasswd").status();
    assertTrue(traversal == 400 || traversal == 404, "a path in the name is refused: " + traversal);
    before.assertSameAs(AppState.of(api, TEST_TEXT), "after the refused restores");
    assertEquals(200, Http.get(api.url("/api/keepalive")).status());

    JsonObject extra = chat("{\"message\": \"An extra question after the backup?\"}");
    Http.Reply restored = restore(name);
    assertEquals(200, restored.status(), restored.body());
    assertEquals(
        404,
        Http.get(api.url("/api/conversations/" + extra.getJsonNumber("conversation_id"))).status(),
        "what came after the backup is gone once it is restored");
    before.assertSameAs(AppState.of(api, TEST_TEXT), "after restoring the backup");
  }

  @Test
  void whenS3IsDownTheLocalBackupIsKeptTheAdminPageSaysSoAndTheScheduleUploadsItLater()
      throws IOException {
    int port = s3.port();
    s3.stop();
    String name;
    try {
      JsonObject backup = createBackup();
      name = backup.getString("name");
      assertFalse(backup.getBoolean("s3"), backup.toString());
      assertTrue(backup.getBoolean("local"));
      assertTrue(backup.getString("status").contains("upload failed"), backup.toString());
      assertTrue(Files.exists(server.dataDir().resolve("backups").resolve(name)));
      JsonObject overview = Http.get(api.url("/api/backups")).json();
      assertTrue(overview.getString("s3_problem").contains("cannot list"), overview.toString());
      String admin = Http.get(api.url("/admin")).body();
      assertTrue(
          admin.contains(name) && admin.contains("upload failed"), "shown on the Admin page");
    } finally {
      s3 = S3TestServer.start(s3Storage, port);
    }
    awaitBackup(name, b -> b.getBoolean("s3"), Duration.ofSeconds(150));
    assertTrue(s3.keys(BUCKET).contains("backups/" + name));
    assertTrue(
        Http.get(api.url("/api/backups")).json().getJsonArray("backups").stream()
            .anyMatch(b -> b.asJsonObject().getString("trigger", "").equals("schedule")),
        "the EJB timer took a backup");
  }

  @Test
  void aBackupTakenDuringAChatLoadAndATrainingJobRestoresToAConsistentState() throws Exception {
    long dataset = api.upload(Uploads.file("load-qa.jsonl", TestData.qaPairs(15_000, 17)));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    // The load runs until the backup is taken, however fast the machine; the conversations and
    // ratings it makes stay within what one page of the API lists (500 and 1000), so the test
    // sees them all.
    AtomicInteger conversationsStarted = new AtomicInteger();
    AtomicInteger ratingsGiven = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> load = new ArrayList<>();
    for (int client = 0; client < 4; client++) {
      int seed = client;
      load.add(
          clients.submit(
              () -> {
                long conversation = -1;
                for (int turn = 0; running.get(); turn++) {
                  boolean fresh =
                      conversation < 0
                          || (turn % 3 == 0 && conversationsStarted.get() < MAX_LOAD_CONVERSATIONS);
                  if (fresh) {
                    conversationsStarted.incrementAndGet();
                  }
                  String body =
                      fresh
                          ? "{\"message\": \"What does the blue light mean?\", \"seed\": "
                              + seed
                              + "}"
                          : "{\"message\": \"And then?\", \"conversation_id\": "
                              + conversation
                              + "}";
                  JsonObject answer = chat(body);
                  conversation = answer.getJsonNumber("conversation_id").longValue();
                  if (turn % 2 == 0 && ratingsGiven.incrementAndGet() <= MAX_LOAD_RATINGS) {
                    rate(answer.getJsonNumber("exchange_id").longValue(), "up", null);
                  }
                  answered.incrementAndGet();
                }
                return null;
              }));
    }
    long job;
    JsonObject backup;
    try {
      job =
          api.startTraining("{\"kind\": \"ngram\", \"order\": 4, \"datasets\": [" + dataset + "]}");
      api.awaitJob(
          job,
          Duration.ofMinutes(2),
          j ->
              j.getString("state").equals("running")
                  && j.containsKey("percent")
                  && j.getJsonNumber("percent").doubleValue() > 5);
      Http.Reply midJob = restore(createBackup().getString("name"));
      backup = createBackup();
      assertEquals("running", api.job(job).getString("state"), "the backup ran during training");
      assertEquals(409, midJob.status(), "no restore while a job runs: " + midJob.body());
      Thread.sleep(1000);
    } finally {
      running.set(false);
      clients.shutdown();
    }
    for (Future<?> client : load) {
      client.get(2, TimeUnit.MINUTES);
    }
    // Indexing the passages would take minutes more: stopping the job ends the run as well.
    Http.post(api.url("/api/train/" + job + "/stop"), "application/json", "");
    api.awaitJob(job, Duration.ofMinutes(2));
    assertTrue(answered.get() > 8, "the load ran: " + answered.get());

    Http.Reply reply = restore(backup.getString("name"));
    assertEquals(200, reply.status(), reply.body());
    JsonObject tables = reply.json().getJsonObject("tables");

    List<JsonObject> conversations = conversations();
    long exchanges =
        conversations.stream().mapToLong(c -> c.getJsonNumber("exchanges").longValue()).sum();
    JsonObject summary =
        Http.get(api.url("/api/analytics?range=all")).json().getJsonObject("summary");
    assertEquals(tables.getInt("CONVERSATION"), conversations.size());
    assertEquals(tables.getInt("EXCHANGE"), exchanges, "every exchange has its conversation");
    assertEquals(exchanges, summary.getJsonNumber("messages").longValue());
    int ratings = Http.get(api.url("/api/ratings?limit=1000")).jsonArray().size();
    assertTrue(ratings < 1000, "the test expects to see every rating");
    assertEquals(tables.getInt("RATING"), ratings, "every rating has its exchange");
    String state = api.job(job).getString("state");
    assertEquals("failed", state, "the job running in the backup comes back as interrupted");
    assertTrue(
        api.job(job).getString("error").contains("backup was taken"), api.job(job).toString());
    assertTrue(reply.json().getBoolean("model_loaded"));
    chat("{\"message\": \"Still answering after the restore?\"}");
  }

  private static void awaitCompleted(String body) {
    JsonObject job = api.awaitJob(api.startTraining(body), Duration.ofMinutes(3));
    assertEquals("completed", job.getString("state"), job.toString());
  }

  private static JsonObject chat(String body) {
    Http.Reply reply = Http.postJson(api.url("/api/chat"), body);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private static void rate(long exchange, String rating, String comment) {
    String body =
        Json.createObjectBuilder()
            .add("exchange_id", exchange)
            .add("rating", rating)
            .add("comment", comment == null ? JsonValue.NULL : Json.createValue(comment))
            .build()
            .toString();
    Http.Reply reply = Http.postJson(api.url("/api/ratings"), body);
    assertTrue(reply.status() < 300, reply.body());
  }

  /** Takes a backup, waiting out one the schedule may be taking at that moment. */
  private static JsonObject createBackup() {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      Http.Reply reply = Http.post(api.url("/api/backups"), "application/json", "");
      if (reply.status() == 201 || reply.status() != 409 || Instant.now().isAfter(deadline)) {
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
      }
      pause(500);
    }
  }

  /** Restores a backup, waiting out a scheduled backup that may hold the lock at that moment. */
  private static Http.Reply restore(String name) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      Http.Reply reply =
          Http.post(api.url("/api/backups/" + name + "/restore"), "application/json", "");
      if (reply.status() != 409
          || !reply.body().contains("backup or restore is already running")
          || Instant.now().isAfter(deadline)) {
        return reply;
      }
      pause(500);
    }
  }

  private static void awaitBackup(String name, Predicate<JsonObject> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonObject found = null;
    while (Instant.now().isBefore(deadline)) {
      found =
          Http.get(api.url("/api/backups")).json().getJsonArray("backups").stream()
              .map(JsonValue::asJsonObject)
              .filter(b -> b.getString("name").equals(name))
              .findFirst()
              .orElse(null);
      if (found != null && condition.test(found)) {
        return;
      }
      pause(2000);
    }
    throw new AssertionError("backup " + name + " did not reach the condition: " + found);
  }

  private static List<JsonObject> conversations() {
    List<JsonObject> list =
        Http.get(api.url("/api/conversations?limit=500")).jsonArray().stream()
            .map(JsonValue::asJsonObject)
            .toList();
    assertTrue(list.size() < 500, "the test expects to see every conversation");
    return list;
  }

  /** A copy of the archive whose manifest text is changed by {@code edit}. */
  private static byte[] rewriteManifest(Path archive, UnaryOperator<String> edit)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipFile zip = new ZipFile(archive.toFile());
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(entry)) {
          byte[] content = in.readAllBytes();
          if (entry.getName().equals("manifest.json")) {
            content =
                edit.apply(new String(content, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
          }
          out.putNextEntry(new ZipEntry(entry.getName()));
          out.write(content);
          out.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }

  /** An archive whose manifest lists one file, at {@code path}, with its true checksum. */
  private static byte[] archiveWithOneEntry(String path, byte[] content) throws IOException {
    String sha256;
    try {
      sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    String manifest =
        Json.createObjectBuilder()
            .add("format", 1)
            .add("app_version", "test")
            .add("created_at", Instant.now().toString())
            .add(
                "files",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("path", path)
                            .add("size", content.length)
                            .add("sha256", sha256)))
            .add("tables", Json.createObjectBuilder())
            .build()
            .toString();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(path));
      out.write(content);
      out.closeEntry();
      out.putNextEntry(new ZipEntry("manifest.json"));
      out.write(manifest.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What a user sees of their data: datasets, conversations, ratings, model and tokenizer. */
}
