package ai.fromscratch.synth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Synthesis against a real local HTTP server standing in for Groq (WireMock on 127.0.0.1): the
 * happy path, malformed output, 429 with Retry-After, 401, server errors, a timeout, cancellation,
 * bad requests; the key never leaves the request header; and chatting never calls Groq.
 */
class SynthesisIT {
  private static final String KEY = "gsk_test_secret_0123456789abcdef";
  private static final String COMPLETIONS = "/openai/v1/chat/completions";

  private static WireMockServer groq;
  private static LibertyServer server;
  private static Api api;

  @BeforeAll
  static void groqStubAndServer() {
    groq = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    groq.start();
    server =
        LibertyServer.create("fs-synth", TestDirs.fresh("synth"))
            .env("GROQ_API_KEY", KEY)
            .env("GROQ_BASE_URL", "http://127.0.0.1:" + groq.port())
            .env("GROQ_MODEL", "stub-model-1")
            .env("GROQ_TIMEOUT_SECONDS", "1")
            .env("GROQ_MAX_RETRIES", "2");
    server.start();
    api = new Api(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (groq != null) {
      groq.stop();
    }
  }

  @BeforeEach
  void freshStub() {
    groq.resetAll();
  }

  @Test
  void pairsComeInBatchesAndBecomeADatasetWithTheirProvenance() {
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("batches")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(completion(pairs(1, 5)))
            .willSetStateTo("second"));
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("batches")
            .whenScenarioStateIs("second")
            .willReturn(completion("```json\n" + pairs(4, 9) + "\n```")));

    JsonObject run =
        finished(
            start(
                "{\"topic\": \"kettles\", \"count\": 8, \"batch_size\": 5, \"temperature\": 0.4,"
                    + " \"examples\": [{\"question\": \"Is it hot?\", \"answer\": \"Yes.\"}]}"));

    assertEquals("completed", run.getString("state"), run.toString());
    assertEquals(8, run.getInt("pairs"));
    assertEquals(2, run.getInt("duplicates"), "questions 4 and 5 came twice");
    long dataset = run.getJsonNumber("dataset_id").longValue();
    JsonObject stored = Http.get(api.url("/api/datasets/" + dataset)).json();
    assertEquals("synth", stored.getString("source"));
    assertEquals(8, stored.getInt("records"));
    JsonObject provenance = stored.getJsonObject("provenance");
    assertEquals("stub-model-1", provenance.getString("model"));
    assertEquals("kettles", provenance.getString("topic"));
    assertTrue(provenance.containsKey("started_at") && provenance.containsKey("system_prompt"));
    String records = Http.get(api.url("/api/datasets/" + dataset + "/records?limit=20")).body();
    for (int i = 1; i <= 8; i++) {
      assertTrue(records.contains("Kettle question " + i + "?"), records);
    }

    List<LoggedRequest> requests = groq.findAll(postRequestedFor(urlEqualTo(COMPLETIONS)));
    assertEquals(2, requests.size());
    LoggedRequest first = requests.get(0);
    assertEquals("Bearer " + KEY, first.getHeader("Authorization"));
    JsonObject body = parse(first.getBodyAsString());
    assertEquals("stub-model-1", body.getString("model"));
    assertEquals(0.4, body.getJsonNumber("temperature").doubleValue(), 1e-9);
    String prompt = body.getJsonArray("messages").getJsonObject(1).getString("content");
    assertTrue(prompt.contains("kettles") && prompt.contains("Is it hot?"), prompt);
    String second =
        parse(requests.get(1).getBodyAsString())
            .getJsonArray("messages")
            .getJsonObject(1)
            .getString("content");
    assertTrue(second.contains("Write 3 new") && second.contains("Kettle question 1?"), second);
  }

  @Test
  void outputThatIsNotPairsIsSkippedAndCounted() {
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("messy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(completion("I am sorry, I cannot write JSON today."))
            .willSetStateTo("half"));
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("messy")
            .whenScenarioStateIs("half")
            .willReturn(
                completion(
                    "[{\"question\": \"Only a question?\"}, {\"question\": \"Kettle question 1?\","
                        + " \"answer\": \"Answer 1.\"}, 7]"))
            .willSetStateTo("rest"));
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("messy")
            .whenScenarioStateIs("rest")
            .willReturn(completion(pairs(2, 2))));

    JsonObject run = finished(start("{\"topic\": \"kettles\", \"count\": 2, \"batch_size\": 2}"));

    assertEquals("completed", run.getString("state"), run.toString());
    assertEquals(2, run.getInt("pairs"));
    assertEquals(3, run.getInt("skipped"));
    assertEquals(3, run.getInt("requests"));
  }

  @Test
  void aRateLimitIsWaitedOutAsGroqAsksThenTheRunGoesOn() {
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "2")
                    .withBody("{\"error\": {\"message\": \"slow down\"}}"))
            .willSetStateTo("open"));
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("limited")
            .whenScenarioStateIs("open")
            .willReturn(completion(pairs(1, 3))));

    JsonObject run = finished(start("{\"topic\": \"kettles\", \"count\": 3}"));

    assertEquals("completed", run.getString("state"), run.toString());
    assertEquals(3, run.getInt("pairs"));
    List<LoggedRequest> requests = groq.findAll(postRequestedFor(urlEqualTo(COMPLETIONS)));
    assertEquals(2, requests.size());
    long waited =
        requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
    assertTrue(waited >= 1900, "waited " + waited + " ms for Retry-After: 2");
  }

  @Test
  void aRefusedKeyFailsAtOnceSayingSo() {
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\": {\"message\": \"Invalid key\"}}")));

    JsonObject run = finished(start("{\"topic\": \"kettles\", \"count\": 3}"));

    assertEquals("failed", run.getString("state"));
    assertTrue(run.getString("error").contains("401"), run.toString());
    assertTrue(run.getString("error").contains("GROQ_API_KEY"), run.toString());
    assertFalse(run.getString("error").contains(KEY));
    assertEquals(1, groq.findAll(postRequestedFor(urlEqualTo(COMPLETIONS))).size(), "no retry");
    assertFalse(run.containsKey("dataset_id") && !run.isNull("dataset_id"));
  }

  @Test
  void serverErrorsAreRetriedAndTheRunGoesOn() {
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("better"));
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("flaky")
            .whenScenarioStateIs("better")
            .willReturn(completion(pairs(1, 2))));

    JsonObject run = finished(start("{\"topic\": \"kettles\", \"count\": 2}"));

    assertEquals("completed", run.getString("state"), run.toString());
    assertEquals(2, run.getInt("requests"));
    long dataset = run.getJsonNumber("dataset_id").longValue();
    assertEquals(2, Http.get(api.url("/api/datasets/" + dataset)).json().getInt("records"));
  }

  @Test
  void aTimeoutIsRetriedThenFailsTheRunWithTheReasonKeepingWhatCame() {
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("slow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(completion(pairs(1, 2)))
            .willSetStateTo("stuck"));
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .inScenario("slow")
            .whenScenarioStateIs("stuck")
            .willReturn(completion(pairs(3, 4)).withFixedDelay(3000)));

    JsonObject run = finished(start("{\"topic\": \"kettles\", \"count\": 4, \"batch_size\": 2}"));

    assertEquals("failed", run.getString("state"), run.toString());
    assertTrue(run.getString("error").contains("did not answer within 1 s"), run.toString());
    assertTrue(run.getString("error").contains("after 3 attempts"), run.toString());
    assertEquals(2, run.getInt("pairs"));
    long dataset = run.getJsonNumber("dataset_id").longValue();
    assertEquals(2, Http.get(api.url("/api/datasets/" + dataset)).json().getInt("records"));
  }

  @Test
  void aCancelledRunKeepsThePairsItGot() {
    groq.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .willReturn(
                completion(pairsFromTheRequest())
                    .withTransformers("response-template")
                    .withFixedDelay(300)));
    long id = start("{\"topic\": \"kettles\", \"count\": 500, \"batch_size\": 2}");
    awaitRun(id, run -> run.getInt("pairs") >= 4);

    Http.Reply cancel = Http.post(api.url("/api/synth/" + id + "/cancel"), "application/json", "");
    assertEquals(200, cancel.status(), cancel.body());
    JsonObject run = finished(id);

    assertEquals("cancelled", run.getString("state"));
    int pairs = run.getInt("pairs");
    assertTrue(pairs >= 4 && pairs < 500, run.toString());
    long dataset = run.getJsonNumber("dataset_id").longValue();
    assertEquals(pairs, Http.get(api.url("/api/datasets/" + dataset)).json().getInt("records"));
    assertEquals(
        409, Http.post(api.url("/api/synth/" + id + "/cancel"), "application/json", "").status());
  }

  @Test
  void badRequestsAreRefusedWithAReason() {
    Map<String, Integer> cases =
        Map.of(
            "{\"count\": 5}", 400,
            "{\"topic\": \"  \"}", 400,
            "{\"topic\": \"x\", \"count\": 0}", 400,
            "{\"topic\": \"x\", \"temperature\": 5}", 400,
            "{\"topic\": \"x\", \"examples\": [{\"question\": \"no answer\"}]}", 400,
            "{\"topic\": \"x\", \"examples\": \"not a list\"}", 400,
            "{\"topic\": \"x\", \"colour\": \"blue\"}", 400,
            "[]", 400);
    cases.forEach(
        (body, status) -> {
          Http.Reply reply = Http.postJson(api.url("/api/synth"), body);
          assertEquals(status, reply.status(), body + " -> " + reply.body());
          assertFalse(reply.json().getString("error").isBlank());
        });
    assertEquals(404, Http.get(api.url("/api/synth/987654")).status());
    assertTrue(groq.findAll(anyRequestedFor(anyUrl())).isEmpty());
  }

  @Test
  void chattingAndGeneratingNeverCallGroq() {
    long dataset =
        api.upload(
            Uploads.file(
                "chat-" + System.nanoTime() + ".jsonl", TestData.unique(TestData.HELP_DESK)));
    JsonObject job =
        api.awaitJob(
            api.startTraining(
                "{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset + "]}"),
            Duration.ofMinutes(4));
    assertEquals("completed", job.getString("state"), job.toString());
    groq.resetRequests();

    assertEquals(
        200,
        Http.postJson(api.url("/api/chat"), "{\"message\": \"Where do I find my invoice?\"}")
            .status());
    assertEquals(200, Http.get(api.url("/api/chat/stream?message=reset%20my%20router")).status());
    assertEquals(200, api.generate("{\"prompt\": \"the kettle\"}").status());

    assertTrue(groq.findAll(anyRequestedFor(anyUrl())).isEmpty(), "Groq was called");
  }

  @Test
  void theKeyIsNeverShownLoggedOrStored() throws IOException {
    groq.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(completion(pairs(1, 2))));
    finished(start("{\"topic\": \"kettles\", \"count\": 2}"));

    String config = Http.get(api.url("/api/admin/config")).body();
    assertFalse(config.contains(KEY));
    assertTrue(config.contains("GROQ_API_KEY"));
    assertFalse(Http.get(api.url("/admin")).body().contains(KEY));
    assertFalse(Http.get(api.url("/api/admin/exports/datasets")).body().contains(KEY));
    assertFalse(server.log().contains(KEY), "messages.log holds the key");
    try (Stream<Path> files = Files.walk(server.dataDir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(
            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(KEY),
            file + " holds the key");
      }
    }
  }

  private static long start(String body) {
    Http.Reply reply = Http.postJson(api.url("/api/synth"), body);
    assertEquals(202, reply.status(), reply.body());
    return reply.json().getJsonNumber("id").longValue();
  }

  private static JsonObject finished(long id) {
    return awaitRun(id, run -> !run.getString("state").equals("running"));
  }

  private static JsonObject awaitRun(long id, Predicate<JsonObject> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      JsonObject run = Http.get(api.url("/api/synth/" + id)).json();
      if (done.test(run)) {
        return run;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("synthesis run " + id + ": " + Http.get(api.url("/api/synth/" + id)));
  }

  /** Pairs numbered {@code from} to {@code to}, as a JSON list. */
  private static String pairs(int from, int to) {
    JsonArrayBuilder pairs = Json.createArrayBuilder();
    IntStream.rangeClosed(from, to)
        .forEach(
            i ->
                pairs.add(
                    Json.createObjectBuilder()
                        .add("question", "Kettle question " + i + "?")
                        .add("answer", "Kettle answer " + i + ".")));
    return pairs.build().toString();
  }

  /** Two pairs whose questions differ on every call (WireMock's templating numbers them). */
  private static String pairsFromTheRequest() {
    return "[{\"question\": \"Question {{randomValue length=12 type='ALPHANUMERIC'}}?\","
        + " \"answer\": \"An answer.\"}, {\"question\": \"Question {{randomValue length=12"
        + " type='ALPHANUMERIC'}}?\", \"answer\": \"Another answer.\"}]";
  }

  private static ResponseDefinitionBuilder completion(String content) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("id", "chatcmpl-stub")
            .add("object", "chat.completion")
            .add(
                "choices",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("index", 0)
                            .add(
                                "message",
                                Json.createObjectBuilder()
                                    .add("role", "assistant")
                                    .add("content", content))
                            .add("finish_reason", "stop")))
            .build();
    return okJson(body.toString());
  }

  private static JsonObject parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
