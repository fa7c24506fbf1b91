package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.chat.ChatRequest;
import ai.fromscratch.engine.GenerateRequest;
import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.AppState;
import ai.fromscratch.testing.HostileRequests;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.MalformedFiles;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input through a real server: thousands of generated malformed uploads and API parameters,
 * markup and path traversal. Every one is answered with a 4xx in the API's error form (or accepted,
 * when what is left of it is valid), never a 5xx; the server stays healthy and loses nothing it
 * stored before.
 */
class HostileInputIT {
  private static final String PROBE = "what color is the river number 7";
  private static final Set<Integer> UPLOAD_ANSWERS = Set.of(201, 400, 409, 413, 415, 422);
  private static final int UPLOADS = 1000;
  private static final int CALLS_PER_ENDPOINT = 800;

  private static LibertyServer server;
  private static Api api;

  @BeforeAll
  static void serverWithAModel() {
    server = LibertyServer.create("fs-hostile", TestDirs.fresh("hostile"));
    server.start();
    api = new Api(server.baseUrl());
    long dataset = api.upload(Uploads.file("hostile-base.jsonl", TestData.qaPairs(300, 5)));
    long job =
        api.startTraining("{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset + "]}");
    api.awaitCompleted(job, Duration.ofMinutes(3));
    assertEquals(
        200, Http.postJson(api.url("/api/chat"), "{\"message\": \"" + PROBE + "\"}").status());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void malformedUploadsAreAnsweredWithAReasonAndLoseNothingStored() throws IOException {
    AppState before = AppState.of(api, PROBE);
    Map<Integer, Integer> statuses = new TreeMap<>();
    Path dir = Files.createDirectories(Path.of("target/fuzz-uploads"));
    for (MalformedFiles.Sample sample : MalformedFiles.generate(UPLOADS, 7)) {
      Path file = Files.write(dir.resolve("upload"), sample.content());
      Http.Reply reply = Uploads.upload(api.url("/api/datasets"), file, sample.name());
      assertAnswered(UPLOAD_ANSWERS, reply, sample.toString());
      statuses.merge(reply.status(), 1, Integer::sum);
    }
    for (HttpRequest.Builder request : brokenMultipartRequests()) {
      assertAnswered(UPLOAD_ANSWERS, Http.send(request), "a broken multipart request");
    }

    assertHealthy();
    assertTrue(statuses.getOrDefault(422, 0) > UPLOADS / 10, "many are refused: " + statuses);
    // A JSON document cut short is refused whole now (unless uploaded with partial=true), so
    // fewer of these damaged files keep records than JSON Lines alone would.
    assertTrue(statuses.getOrDefault(201, 0) > UPLOADS / 20, "some keep records: " + statuses);
    for (JsonValue dataset : Http.get(api.url("/api/datasets")).jsonArray()) {
      assertTrue(
          dataset.asJsonObject().getJsonNumber("records").longValue() > 0, dataset.toString());
    }
    List<JsonValue> after = Http.get(api.url("/api/datasets")).jsonArray();
    try (JsonReader stored = Json.createReader(new StringReader(before.datasets()))) {
      for (JsonValue dataset : stored.readArray()) {
        assertTrue(after.contains(dataset), "still there, unchanged: " + dataset);
      }
    }
    assertEquals(List.of(), filesIn(server.dataDir().resolve("uploads/incoming")));
    assertTrue(
        filesIn(server.dataDir().getParent()).stream()
            .noneMatch(file -> file.getFileName().toString().contains("data.jsonl")),
        "no upload's name (../../data.jsonl) placed a file outside the data directory");
  }

  @Test
  void malformedGenerateChatAndPerplexityParametersAreAnsweredWith4xx() {
    Map<String, List<String>> endpoints =
        Map.of(
            "/api/model/generate",
            sorted(GenerateRequest.KNOWN),
            "/api/chat",
            sorted(ChatRequest.KNOWN),
            "/api/model/perplexity",
            List.of("text"));
    Map<Integer, Integer> statuses = new TreeMap<>();
    long seed = 11;
    for (Map.Entry<String, List<String>> endpoint : endpoints.entrySet()) {
      HostileRequests requests = new HostileRequests(seed++, endpoint.getValue());
      for (int i = 0; i < CALLS_PER_ENDPOINT; i++) {
        String body = requests.body();
        Http.Reply reply = Http.postJson(api.url(endpoint.getKey()), body);
        assertAnswered(Set.of(200, 400, 404, 413), reply, endpoint.getKey() + " " + cut(body));
        statuses.merge(reply.status(), 1, Integer::sum);
      }
    }
    HostileRequests queries = new HostileRequests(seed, endpoints.get("/api/chat"));
    for (int i = 0; i < CALLS_PER_ENDPOINT / 2; i++) {
      String query = queries.query();
      Http.Reply reply = Http.get(api.url("/api/chat/stream?" + query));
      // The stream always opens; a refused request ends it with one error event.
      assertEquals(200, reply.status(), "stream ?" + cut(query));
      assertTrue(
          reply.body().contains("event: done") || reply.body().contains("event: error"),
          "stream ?" + cut(query) + " ended without an answer or a reason: " + cut(reply.body()));
      assertFalse(reply.body().contains("Internal error"), "stream ?" + cut(query));
    }

    assertHealthy();
    assertTrue(statuses.getOrDefault(400, 0) > CALLS_PER_ENDPOINT, "most are refused: " + statuses);
    assertTrue(
        statuses.getOrDefault(200, 0) > CALLS_PER_ENDPOINT / 10, "some are fine: " + statuses);
  }

  /**
   * The attack that ended the JVM: 48 anonymous 8 MB JSON bodies, 16 at a time, to every public
   * endpoint that reads one, some with a declared length and some chunked, while chats go on.
   */
  @Test
  void concurrentLargeBodiesOnEveryPublicEndpointAreRefusedWhileChatsGoOnAndKeepaliveAnswers()
      throws Exception {
    AppState before = AppState.of(api, PROBE);
    String large = "{\"text\": \"" + "a ".repeat(4 << 20) + "\"}";
    List<String[]> targets =
        List.of(
            new String[] {"POST", "/api/model/perplexity"},
            new String[] {"POST", "/api/model/generate"},
            new String[] {"POST", "/api/ratings"},
            new String[] {"POST", "/api/chat"},
            new String[] {"PATCH", "/api/conversations/" + before.maxConversationId()});
    ExecutorService attackers = Executors.newFixedThreadPool(16);
    ExecutorService others = Executors.newFixedThreadPool(3);
    AtomicBoolean attacking = new AtomicBoolean(true);
    try {
      Future<List<Integer>> chats = others.submit(() -> chatWhile(attacking));
      Future<Long> slowestKeepalive = others.submit(() -> slowestKeepaliveWhile(attacking));
      List<Future<Integer>> attacks = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        String[] target = targets.get(i % targets.size());
        boolean chunked = i % 2 == 0;
        attacks.add(attackers.submit(() -> largeBody(target, large, chunked)));
      }
      Map<Integer, Integer> statuses = new TreeMap<>();
      for (Future<Integer> attack : attacks) {
        statuses.merge(attack.get(5, TimeUnit.MINUTES), 1, Integer::sum);
      }
      attacking.set(false);

      assertEquals(Map.of(413, 48), statuses, "every large body is refused as it arrives");
      assertTrue(
          slowestKeepalive.get(1, TimeUnit.MINUTES) < 1000,
          "keepalive answered within 1 s throughout: " + slowestKeepalive.get() + " ms");
      List<Integer> chatted = chats.get(1, TimeUnit.MINUTES);
      assertTrue(chatted.contains(200), "chats went on: " + chatted);
      assertTrue(
          chatted.stream().allMatch(status -> status == 200 || status == 503), chatted.toString());
    } finally {
      attacking.set(false);
      attackers.shutdownNow();
      others.shutdownNow();
    }
    assertHealthy();
    assertFalse(server.log().contains("OutOfMemoryError"), "the heap held");
    AppState after = AppState.of(api, PROBE);
    assertEquals(before.datasets(), after.datasets(), "no dataset lost");
    assertEquals(before.model(), after.model(), "the model stays");
  }

  private static int largeBody(String[] target, String body, boolean chunked) {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest.BodyPublisher publisher =
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(bytes))
            : HttpRequest.BodyPublishers.ofByteArray(bytes);
    try {
      return new Http.Visitor()
          .send(
              HttpRequest.newBuilder(URI.create(api.url(target[1])))
                  .header("Content-Type", "application/json")
                  .method(target[0], publisher))
          .status();
    } catch (UncheckedIOException e) {
      // The server may answer 413 and close before the whole body was sent: a refusal too.
      return 413;
    }
  }

  private static List<Integer> chatWhile(AtomicBoolean going) {
    List<Integer> statuses = new ArrayList<>();
    Http.Visitor visitor = new Http.Visitor();
    while (going.get()) {
      statuses.add(
          visitor
              .postJson(
                  api.url("/api/chat"), "{\"message\": \"" + PROBE + "\", \"max_tokens\": 10}")
              .status());
    }
    return statuses;
  }

  private static long slowestKeepaliveWhile(AtomicBoolean going) throws InterruptedException {
    long slowest = 0;
    while (going.get()) {
      long started = System.nanoTime();
      assertEquals(200, Http.get(api.url("/api/keepalive")).status());
      slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
      Thread.sleep(100);
    }
    return slowest;
  }

  @Test
  void pathTraversalReachesNoFileOutsideWhatIsServed() {
    List<String> attempts =
        List.of(
            "/WEB-INF/web.xml",
            "/META-INF/MANIFEST.MF",
            "/resources/../WEB-INF/web.xml",
            "/resources/%2e%2e/WEB-INF/web.xml",
            "/resources/..%2fWEB-INF%2fweb.xml",
            "/jakarta.faces.resource/web.xml.xhtml?ln=../WEB-INF",
            "/jakarta.faces.resource/web.xml.xhtml?ln=..%2fWEB-INF",
            "/jakarta.faces.resource/..%2fWEB-INF%2fweb.xml.xhtml",
            "/jakarta.faces.resource/WEB-INF/web.xml.xhtml?ln=..",
            "/jakarta.faces.resource/passwd.xhtml?ln=../../../../../../etc",
            "/api/backups/..%2F..%2F..%2Fetc%2Fpasswd/restore",
            "/api/datasets/..%2F..%2Fetc%2Fpasswd",
            "/api/datasets/1/..%2F..%2Fetc%2Fpasswd",
            "/..%2f..%2f..%2fetc%2fpasswd",
            "/%2e%2e/%2e%2e/etc/passwd");
    for (String path : attempts) {
      String method = path.endsWith("/restore") ? "POST" : "GET";
      Http.Reply reply = Http.raw(server.baseUrl(), method, path);
      assertFalse(
          reply.body().contains("<web-app") || reply.body().contains("root:"),
          path + " served a file it must not: " + cut(reply.body()));
      assertTrue(reply.status() < 500, path + " answered " + reply.status());
    }
    assertHealthy();
  }

  @Test
  void markupInAddressesAndParametersComesBackAsText() {
    String script = "<script>alert(1)</script>";
    String encoded = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    for (String page :
        List.of(
            "/login?next=%22%3E" + encoded,
            "/?c=" + encoded,
            "/" + encoded,
            "/keepalive?x=" + encoded)) {
      Http.Reply reply = Http.get(api.url(page));
      assertFalse(
          reply.body().contains(script), page + " reflected the markup: " + cut(reply.body()));
      assertTrue(reply.status() < 500, page + " answered " + reply.status());
    }
    // The API may echo text, but only ever as JSON that browsers are told not to sniff.
    String image = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E";
    for (String call : List.of("/api/datasets/" + image, "/api/rag/search?q=" + encoded)) {
      Http.Reply reply = Http.get(api.url(call));
      assertTrue(
          reply.contentType().startsWith("application/json"), call + ": " + reply.contentType());
      assertEquals(
          "nosniff", reply.headers().firstValue("X-Content-Type-Options").orElse(""), call);
      assertTrue(reply.status() < 500, call + " answered " + reply.status());
    }
    Http.Reply chat =
        Http.postJson(
            api.url("/api/chat"), "{\"message\": \"" + script.replace("/", "\\/") + "\"}");
    assertEquals(200, chat.status(), chat.body());
    assertTrue(chat.contentType().startsWith("application/json"), "never served as a page");
  }

  /** Multipart requests broken in the ways clients and attackers break them. */
  private static List<HttpRequest.Builder> brokenMultipartRequests() {
    String url = api.url("/api/datasets");
    String part =
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\n\r\n";
    String line = "{\"text\": \"hello there\"}\n";
    return Stream.of(
            new String[] {"multipart/form-data", part + line + "--b--\r\n"},
            new String[] {"multipart/form-data; boundary=b", ""},
            new String[] {"multipart/form-data; boundary=b", part + line},
            new String[] {"multipart/form-data; boundary=b", "--b--\r\n"},
            new String[] {
              "multipart/form-data; boundary=b",
              part.replace("name=\"file\"", "name=\"other\"") + line + "\r\n--b--\r\n"
            },
            new String[] {
              "multipart/form-data; boundary=b",
              part.replace("a.jsonl", "x\r\nX-Injected: 1") + line + "\r\n--b--\r\n"
            },
            new String[] {"multipart/form-data; boundary=" + "b".repeat(5000), part + line},
            new String[] {"text/html", "<html></html>"},
            new String[] {"application/x-ndjson", ""},
            new String[] {"application/octet-stream", "\u0000\u0001\u0002"})
        .map(
            request ->
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", request[0])
                    .POST(HttpRequest.BodyPublishers.ofString(request[1])))
        .toList();
  }

  /** A status among {@code allowed}, and the API's error form for every 4xx. */
  private static void assertAnswered(Set<Integer> allowed, Http.Reply reply, String what) {
    assertTrue(
        allowed.contains(reply.status()),
        what + " answered " + reply.status() + ": " + cut(reply.body()));
    if (reply.status() >= 400) {
      assertTrue(
          reply.contentType().startsWith("application/json"), what + ": " + reply.contentType());
      assertFalse(reply.json().getString("error").isBlank(), what);
    }
  }

  private static void assertHealthy() {
    Http.Reply ready = Http.get(server.baseUrl() + "/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertFalse(server.log().contains("Unexpected failure"), "no request failed unexpectedly");
    assertFalse(server.log().contains("Chat stream failed"), "no stream failed unexpectedly");
    assertFalse(server.log().contains("StackOverflowError"), "no stack overflowed");
  }

  private static List<Path> filesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** In a fixed order, so that the same seed makes the same requests. */
  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  private static String cut(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
