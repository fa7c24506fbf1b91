package ai.fromscratch.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Browser;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.PostgresServer;
import ai.fromscratch.testing.ReverseProxy;
import ai.fromscratch.testing.S3TestServer;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Two instances of the app on one PostgreSQL and one S3 bucket, as an owner scales out: what one
 * trains the other answers with, a visitor and the admin move between them freely, a job of an
 * instance that is killed is failed by the other once its claim lapses and completes there when
 * restarted, the scheduled backup is taken once, not twice, and replaced releases do not pile up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
  private static final String BUCKET = "fromscratch-shared";
  private static final String PASSWORD = "scale-out admin password";
  private static final Duration ADOPTION_TARGET = Duration.ofSeconds(30);
  private static final int LEASE_SECONDS = 12;

  private static PostgresServer database;
  private static S3TestServer s3;
  private static LibertyServer a;
  private static LibertyServer b;
  private static final Http.Visitor admin = new Http.Visitor();

  /** The job of the last two tests: stopped through B, then resumed on A and killed there. */
  private static long longJob;

  @BeforeAll
  static void twoInstancesOnOneDatabaseAndOneBucket() {
    Optional<Path> postgres = PostgresServer.installation();
    Assumptions.assumeTrue(postgres.isPresent(), PostgresServer.MISSING);
    database = PostgresServer.start(postgres.get());
    s3 = S3TestServer.start(TestDirs.fresh("scale-out-s3"));
    s3.createBucket(BUCKET);
    a = instance("fs-scale-a");
    b = instance("fs-scale-b");
    // One after the other: the first creates the tables.
    a.start();
    b.start();
  }

  private static LibertyServer instance(String name) {
    return LibertyServer.create(name, TestDirs.fresh(name))
        .sharing(database, s3, BUCKET)
        .env("ADMIN_PASSWORD", PASSWORD)
        .env("JOB_LEASE_SECONDS", String.valueOf(LEASE_SECONDS))
        .env("RELEASE_POLL_SECONDS", "2")
        .env("BACKUP_SCHEDULE", "1m");
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {a, b, s3, database}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // The next one is still closed.
      }
    }
  }

  @Test
  @Order(1)
  void theAdminSignedInOnOneInstanceIsSignedInOnTheOther() {
    Http.Visitor stranger = new Http.Visitor();
    assertEquals(401, stranger.get(b.baseUrl() + "/api/datasets").status());

    Http.Reply login = signIn(admin, a);
    assertEquals(302, login.status(), login.body());
    assertTrue(
        login.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("fs_admin=")),
        login.headers().toString());

    assertEquals(200, admin.get(a.baseUrl() + "/api/datasets").status());
    assertEquals(200, admin.get(b.baseUrl() + "/api/datasets").status(), "B accepts A's sign-in");
    assertEquals(200, admin.get(b.baseUrl() + "/admin").status(), "and shows B's admin page");
  }

  @Test
  @Order(2)
  void aModelTrainedOnOneInstanceAnswersOnTheOtherWithinTheTarget() {
    long dataset = upload(a, Uploads.file("scale-help.jsonl", TestData.unique(TestData.HELP_DESK)));
    long job = train(a, "{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset + "]}");
    awaitState(a, job, "completed", Duration.ofMinutes(3));
    Instant completed = Instant.now();
    String model = model(a);

    Duration adoption = awaitUntil(() -> model.equals(model(b)), ADOPTION_TARGET);
    System.out.printf(
        "ScaleOutIT: B answered with A's model %s %d ms after the job completed on A%n",
        model, Duration.between(completed, Instant.now()).toMillis());
    assertTrue(adoption.compareTo(ADOPTION_TARGET) < 0, adoption.toString());
    awaitUntil(() -> b.log().contains("Adopted release"), Duration.ofSeconds(5));

    JsonObject answer =
        json(
            new Http.Visitor()
                .postJson(b.baseUrl() + "/api/chat", chat("How do I reset my router?")));
    assertFalse(answer.getJsonArray("sources").isEmpty(), "B retrieves from A's index: " + answer);
  }

  /**
   * The admin pages' forms keep their view and page state in the HTTP session, which both instances
   * keep in the shared database: no balancer needs session affinity for them.
   */
  @Test
  @Order(3)
  void anAdminFormRenderedOnOneInstanceIsPostedToTheOther() {
    String name = "scale-forms-" + UUID.randomUUID() + ".jsonl";
    upload(a, Uploads.file(name, TestData.qaPairs(24, 7)));
    try (ReverseProxy balancer =
            ReverseProxy.pagesFromFirstPostsInTurn(List.of(a.baseUrl(), b.baseUrl()));
        Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      signIn(browser, balancer);
      page.get(balancer.baseUrl() + "/data");

      browser.datasetRow(name).findElement(By.className("preview-button")).click();
      awaitRecords(browser, " number 0?");
      page.findElement(By.cssSelector("#dataForm\\:records .ui-paginator-next")).click();
      awaitRecords(browser, " number 10?");
      page.findElement(By.cssSelector("#dataForm\\:records .ui-paginator-last")).click();
      awaitRecords(browser, " number 20?");

      browser.datasetRow(name).findElement(By.className("delete-button")).click();
      browser
          .waitUpTo(Duration.ofSeconds(10))
          .until(ExpectedConditions.visibilityOfElementLocated(By.className("ui-confirm-dialog")))
          .findElement(By.className("ui-confirmdialog-yes"))
          .click();
      browser
          .waitUpTo(Duration.ofSeconds(20))
          .until(
              ExpectedConditions.invisibilityOfElementLocated(
                  By.xpath("//span[@class='dataset-name' and text()='" + name + "']")));
    }
    for (LibertyServer server : List.of(a, b)) {
      assertFalse(server.log().contains("NotSerializableException"), server.log());
    }
    long session = largestSession();
    System.out.printf("ScaleOutIT: the admin's session takes %d bytes%n", session);
    assertTrue(session < 256 * 1024, "written at the end of each admin request: " + session);
  }

  /** The largest session's serialized size in the shared table, in bytes. */
  private static long largestSession() {
    try (Connection connection = database.connect();
        ResultSet sizes =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT MAX(COALESCE(OCTET_LENGTH(small), 0) + COALESCE(OCTET_LENGTH(medium), 0)"
                        + " + COALESCE(OCTET_LENGTH(large), 0)) FROM server_sessions")) {
      sizes.next();
      return sizes.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static void signIn(Browser browser, ReverseProxy balancer) {
    WebDriver page = browser.driver();
    page.get(balancer.baseUrl() + "/login");
    WebElement user = page.findElement(By.id("loginForm:user"));
    user.clear();
    user.sendKeys("admin");
    page.findElement(By.id("loginForm:password")).sendKeys(PASSWORD);
    page.findElement(By.id("loginForm:signIn")).click();
    try {
      browser
          .waitUpTo(Duration.ofSeconds(20))
          .until(driver -> !driver.getCurrentUrl().contains("/login"));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "Still at " + page.getCurrentUrl() + " after:\n" + balancer.exchanges(), e);
    }
  }

  private static void awaitRecords(Browser browser, String text) {
    browser
        .waitUpTo(Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("dataForm:records"), text));
  }

  @Test
  @Order(4)
  void aConversationStartedOnOneInstanceContinuesOnTheOther() {
    Http.Visitor visitor = new Http.Visitor();
    Http.Reply chatPage = visitor.get(a.baseUrl() + "/");
    assertEquals(200, chatPage.status());
    assertFalse(
        chatPage.headers().allValues("Set-Cookie").stream()
            .anyMatch(cookie -> cookie.startsWith("JSESSIONID")),
        "a visitor's page opens no session in the shared database: " + chatPage.headers());
    JsonObject first =
        json(visitor.postJson(a.baseUrl() + "/api/chat", chat("How do I reset my router?")));
    long conversation = first.getJsonNumber("conversation_id").longValue();

    JsonObject second =
        json(
            visitor.postJson(
                b.baseUrl() + "/api/chat",
                "{\"message\": \"And where is the button?\", \"conversation_id\": "
                    + conversation
                    + "}"));
    assertEquals(conversation, second.getJsonNumber("conversation_id").longValue());
    JsonObject stored = json(visitor.get(b.baseUrl() + "/api/conversations/" + conversation));
    assertEquals(2, stored.getJsonArray("exchanges").size(), stored.toString());
    assertEquals(
        404,
        new Http.Visitor().get(b.baseUrl() + "/api/conversations/" + conversation).status(),
        "and stays the visitor's own there");
  }

  @Test
  @Order(5)
  void anIndexAnImportedModelAndADeletionOnOneInstanceReachTheOther() {
    long before = passages(a);
    long dataset = upload(a, Uploads.file("scale-extra.jsonl", TestData.qaPairs(40, 33)));
    long job = train(a, "{\"kind\": \"index\", \"datasets\": [" + dataset + "]}");
    awaitState(a, job, "completed", Duration.ofMinutes(2));
    long indexed = passages(a);
    assertTrue(indexed > before, indexed + " passages after indexing, " + before + " before");
    awaitUntil(() -> passages(b) == indexed, ADOPTION_TARGET);

    Http.Reply arpa = admin.get(a.baseUrl() + "/api/model/arpa");
    assertEquals(200, arpa.status());
    Http.Reply imported =
        Uploads.upload(
            admin, b.baseUrl() + "/api/model/arpa", Uploads.file("scale.arpa", arpa.body()));
    assertEquals(200, imported.status(), imported.body());
    String importedModel = imported.json().getString("id");
    awaitUntil(() -> importedModel.equals(model(a)), ADOPTION_TARGET);

    assertEquals(204, admin.delete(a.baseUrl() + "/api/datasets/" + dataset).status());
    assertEquals(before, passages(a));
    awaitUntil(() -> passages(b) == before, ADOPTION_TARGET);
    assertEquals(importedModel, model(b), "the deletion's release keeps the answering model");
  }

  /**
   * The four releases so far (the training job, the index job, the import, the deletion) leave
   * three, and the bucket holds the files these name and no other: the first release's own files
   * went with it.
   */
  @Test
  @Order(6)
  void onlyTheNewestReleasesAndTheirFilesAreKept() {
    awaitUntil(
        () -> releaseManifests().size() == ReleasePruner.RELEASES_KEPT, Duration.ofSeconds(30));
    Set<String> named = new TreeSet<>();
    for (String manifest : releaseManifests()) {
      ReleaseManifest.parse(manifest).files().forEach(file -> named.add(file.sha256()));
    }
    Set<String> stored = new TreeSet<>();
    for (String key : s3.keys(BUCKET)) {
      if (key.startsWith("releases/blobs/")) {
        stored.add(key.substring("releases/blobs/".length()));
      }
    }
    assertEquals(named, stored);
    assertTrue(
        (a.log() + b.log()).contains("Removed 1 replaced release(s)"), "the first release went");
  }

  private static List<String> releaseManifests() {
    try (Connection connection = database.connect();
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT MANIFEST FROM RELEASE_MANIFEST")) {
      List<String> manifests = new ArrayList<>();
      while (rows.next()) {
        manifests.add(rows.getString(1));
      }
      return manifests;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The passages in the instance's own copy of the index. */
  private static long passages(LibertyServer server) {
    return json(admin.get(server.baseUrl() + "/api/rag")).getJsonNumber("passages").longValue();
  }

  @Test
  @Order(8)
  void theScheduledBackupIsTakenOnceBetweenBothInstances() {
    awaitUntil(() -> skipped(a) + skipped(b) > 0, Duration.ofSeconds(150));
    Map<String, Integer> perSlot = new HashMap<>();
    for (LibertyServer server : List.of(a, b)) {
      Matcher written =
          Pattern.compile("Backup backup-(\\d{8}-\\d{4})\\d{2}-\\d{3}\\.zip written \\(schedule")
              .matcher(server.log());
      while (written.find()) {
        perSlot.merge(written.group(1), 1, Integer::sum);
      }
    }
    assertFalse(perSlot.isEmpty(), "a scheduled backup was taken");
    assertTrue(
        perSlot.values().stream().allMatch(count -> count == 1),
        "one scheduled backup a minute between both: " + perSlot);
  }

  @Test
  @Order(7)
  void aStopAskedOfTheOtherInstanceStopsTheJobWhereItRuns() {
    long dataset = upload(a, Uploads.file("scale-pairs.jsonl", TestData.qaPairs(6000, 21)));
    longJob =
        train(
            a,
            "{\"kind\": \"ngram\", \"order\": 4, \"chunk_size\": 50, \"datasets\": ["
                + dataset
                + "]}");
    awaitState(a, longJob, "running", Duration.ofMinutes(1));

    Http.Reply stop = admin.postJson(b.baseUrl() + "/api/train/" + longJob + "/stop", "{}");
    assertEquals(200, stop.status(), stop.body());

    awaitState(a, longJob, "stopped", Duration.ofSeconds(30));
  }

  @Test
  @Order(9)
  void aJobOfAKilledInstanceFailsOnTheOtherAfterItsLeaseAndCompletesThereWhenRestarted() {
    long job = longJob;
    Http.Reply resumed = admin.postJson(a.baseUrl() + "/api/train/" + job + "/restart", "{}");
    assertEquals(200, resumed.status(), resumed.body());
    awaitState(a, job, "running", Duration.ofMinutes(1));
    a.kill();
    Instant killed = Instant.now();

    JsonObject failed = awaitState(b, job, "failed", Duration.ofSeconds(LEASE_SECONDS * 3L));
    Duration noticed = Duration.between(killed, Instant.now());
    System.out.printf(
        "ScaleOutIT: B failed the killed instance's job after %d ms%n", noticed.toMillis());
    assertTrue(
        noticed.toSeconds() >= LEASE_SECONDS / 2, "not before the lease ran out: " + noticed);
    assertTrue(failed.getString("error").contains("stopped renewing its claim"), failed.toString());

    Http.Reply restarted = admin.postJson(b.baseUrl() + "/api/train/" + job + "/restart", "{}");
    assertEquals(200, restarted.status(), restarted.body());
    awaitState(b, job, "completed", Duration.ofMinutes(5));
  }

  private static int skipped(LibertyServer server) {
    Matcher matcher = Pattern.compile("took the scheduled backup").matcher(server.log());
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static Http.Reply signIn(Http.Visitor visitor, LibertyServer server) {
    String form =
        Map.of(
                "loginForm", "loginForm",
                "loginForm:user", "admin",
                "loginForm:password", PASSWORD,
                "loginForm:next", "/admin",
                "loginForm:signIn", "",
                "jakarta.faces.ViewState", "stateless")
            .entrySet()
            .stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .reduce((x, y) -> x + "&" + y)
            .orElseThrow();
    return visitor.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login.xhtml"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static long upload(LibertyServer server, Path file) {
    Http.Reply reply = Uploads.upload(admin, server.baseUrl() + "/api/datasets", file);
    assertEquals(201, reply.status(), reply.body());
    return reply.json().getJsonObject("dataset").getJsonNumber("id").longValue();
  }

  private static long train(LibertyServer server, String body) {
    Http.Reply reply = admin.postJson(server.baseUrl() + "/api/train/start", body);
    assertEquals(202, reply.status(), reply.body());
    return reply.json().getJsonNumber("id").longValue();
  }

  private static String model(LibertyServer server) {
    Http.Reply reply = admin.get(server.baseUrl() + "/api/model");
    return reply.status() == 200 ? reply.json().getString("id", "") : "";
  }

  private static JsonObject awaitState(
      LibertyServer server, long job, String state, Duration timeout) {
    String url = server.baseUrl() + "/api/train/status/" + job;
    awaitUntil(() -> state.equals(json(admin.get(url)).getString("state")), timeout);
    return json(admin.get(url));
  }

  private static Duration awaitUntil(Supplier<Boolean> condition, Duration timeout) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Not within " + timeout);
      }
      sleep(250);
    }
    return Duration.between(start, Instant.now());
  }

  private static String chat(String message) {
    return "{\"message\": \"" + message + "\"}";
  }

  private static JsonObject json(Http.Reply reply) {
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
