package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Deployments;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.Uploads;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrainingApiIT {
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  private static final Path LOG =
      Path.of(
          "target/liberty/wlp/usr/servers",
          System.getProperty("it.server.name", "fromscratch-it"),
          "logs/messages.log");

  @ArquillianResource URL base;

  private Api api;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.app();
  }

  @BeforeEach
  void api() {
    api = new Api(base.toString());
  }

  private long dataset(int records, long seed) {
    return api.upload(
        Uploads.file("qa-" + records + "-" + seed + ".jsonl", TestData.qaPairs(records, seed)));
  }

  private JsonObject train(String body) {
    JsonObject job = api.awaitJob(api.startTraining(body), JOB_TIMEOUT);
    assertEquals("completed", job.getString("state"), job.toString());
    return job;
  }

  @Test
  void ngramJobTrainsActivatesAndGeneratesTheSameTextForTheSameSeed() {
    long dataset = dataset(300, 1);

    JsonObject job = train("{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset + "]}");

    JsonObject result = job.getJsonObject("result");
    assertEquals(3, result.getJsonArray("ngrams").size());
    assertTrue(result.getJsonNumber("heldout_perplexity").doubleValue() > 1);
    JsonObject facts = Http.get(api.url("/api/model")).json();
    assertEquals(result.getString("model_file"), facts.getString("id"));
    assertEquals(
        result.getJsonNumber("memory_bytes").longValue(),
        facts.getJsonNumber("memory_bytes").longValue());
    String request = "{\"prompt\": \"what color is the river\", \"seed\": 42, \"max_tokens\": 30}";
    Http.Reply first = api.generate(request);
    Http.Reply second = api.generate(request);
    assertEquals(200, first.status(), first.body());
    assertEquals(first.json().getString("text"), second.json().getString("text"));
    assertTrue(first.json().getInt("tokens") >= 1);
  }

  @Test
  void perplexityIsReportedAsKenLmQueryDoes() {
    train("{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset(200, 2) + "]}");

    JsonObject report =
        Http.postJson(
                api.url("/api/model/perplexity"),
                "{\"text\": \"the river number 3 is green and very old .\\nzzz unseen words\"}")
            .json();

    assertEquals(2, report.getInt("sentences"));
    assertEquals(10 + 1 + 3 + 1, report.getInt("tokens"));
    assertTrue(report.getInt("oovs") >= 2);
    assertTrue(
        report.getJsonNumber("perplexity").doubleValue()
            > report.getJsonNumber("perplexity_excluding_oov").doubleValue());
  }

  @Test
  void invalidParametersAreRefusedNamingTheParameter() {
    long dataset = dataset(30, 3);
    Map<String, String> cases =
        Map.of(
            "{\"kind\": \"ngram\", \"order\": 9}",
            "order must be a whole number from 1 to 6",
            "{\"kind\": \"lstm\"}",
            "kind must be ngram, bpe or index",
            "{\"order\": 3}",
            "kind must be ngram, bpe or index",
            "{\"kind\": \"ngram\", \"datasets\": [987654]}",
            "datasets: there is no dataset 987654",
            "{\"kind\": \"ngram\", \"heldout\": 0.9}",
            "heldout must be a number from 0.0 to 0.5",
            "{\"kind\": \"ngram\", \"prune\": [2, 1]}",
            "prune thresholds must not decrease",
            "{\"kind\": \"ngram\", \"speed\": 11}",
            "Unknown parameter speed",
            "{\"kind\": \"bpe\", \"vocab_size\": 5}",
            "vocab_size must be a whole number from 100",
            "{\"kind\": \"ngram\", \"datasets\": \"" + dataset + "\"}",
            "datasets must be a list");
    cases.forEach(
        (body, message) -> {
          Http.Reply reply = Http.postJson(api.url("/api/train/start"), body);
          assertEquals(400, reply.status(), body + " -> " + reply.body());
          assertTrue(
              reply.json().getString("error").startsWith(message), body + " -> " + reply.body());
        });
    assertEquals(400, Http.postJson(api.url("/api/train/start"), "{not json").status());
  }

  @Test
  void generationParametersAreCheckedByName() {
    train("{\"kind\": \"ngram\", \"order\": 2, \"datasets\": [" + dataset(40, 4) + "]}");
    Map<String, String> cases =
        Map.of(
            "{\"prompt\": \"a\", \"temperature\": -1}",
                "temperature must be a number from 0.0 to 5.0",
            "{\"prompt\": \"a\", \"top_p\": 0}", "top_p must be above 0",
            "{\"prompt\": \"a\", \"top_k\": 1.5}", "top_k must be a whole number",
            "{\"prompt\": \"a\", \"max_tokens\": 0}", "max_tokens must be a whole number from 1",
            "{\"prompt\": 7}", "prompt must be text",
            "{\"prompt\": \"a\", \"seed\": \"x\"}", "seed must be a whole number",
            "{\"prompt\": \"a\", \"stop\": [\"\"]}", "stop must be a list of non-empty strings");
    cases.forEach(
        (body, message) -> {
          Http.Reply reply = api.generate(body);
          assertEquals(400, reply.status(), body + " -> " + reply.body());
          assertTrue(
              reply.json().getString("error").startsWith(message), body + " -> " + reply.body());
        });
  }

  @Test
  void secondNgramJobIsRefusedAndAStoppedJobResumesFromItsCheckpointToTheSameModel()
      throws Exception {
    long dataset = dataset(4000, 5);
    String body =
        "{\"kind\": \"ngram\", \"order\": 3, \"chunk_size\": 5, \"datasets\": [" + dataset + "]}";
    long interrupted = api.startTraining(body);
    api.awaitJob(
        interrupted, JOB_TIMEOUT, job -> job.getJsonNumber("items_done").longValue() >= 500);

    Http.Reply second = Http.postJson(api.url("/api/train/start"), body);
    assertEquals(409, second.status(), second.body());
    assertTrue(second.json().getString("error").contains("already running"));

    Http.Reply stop = Http.postJson(api.url("/api/train/" + interrupted + "/stop"), "");
    assertEquals(200, stop.status(), stop.body());
    JsonObject stopped = api.awaitJob(interrupted, JOB_TIMEOUT);
    assertEquals("stopped", stopped.getString("state"), stopped.toString());
    long stoppedAt = stopped.getJsonNumber("items_done").longValue();
    assertTrue(stoppedAt > 0 && stoppedAt < 4001, stopped.toString());

    assertEquals(
        200, Http.postJson(api.url("/api/train/" + interrupted + "/restart"), "").status());
    JsonObject resumed = api.awaitJob(interrupted, JOB_TIMEOUT);
    assertEquals("completed", resumed.getString("state"), resumed.toString());
    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    assertTrue(
        log.contains("Training job " + interrupted + " resumes from its checkpoint after "),
        "the restart went on from the checkpoint");

    JsonObject uninterrupted = train(body.replace(", \"chunk_size\": 5", ""));
    JsonObject a = resumed.getJsonObject("result");
    JsonObject b = uninterrupted.getJsonObject("result");
    assertEquals(b.getJsonArray("ngrams"), a.getJsonArray("ngrams"));
    assertEquals(b.getInt("sentences"), a.getInt("sentences"));
    assertEquals(
        b.getJsonNumber("heldout_perplexity").doubleValue(),
        a.getJsonNumber("heldout_perplexity").doubleValue(),
        1e-12);
  }

  @Test
  void onlyRunningJobsStopAndOnlyStoppedOrFailedJobsRestart() {
    long job =
        api.awaitJob(
                api.startTraining(
                    "{\"kind\": \"ngram\", \"order\": 2, \"datasets\": [" + dataset(20, 6) + "]}"),
                JOB_TIMEOUT)
            .getJsonNumber("id")
            .longValue();

    assertEquals(409, Http.postJson(api.url("/api/train/" + job + "/stop"), "").status());
    assertEquals(409, Http.postJson(api.url("/api/train/" + job + "/restart"), "").status());
    assertEquals(404, Http.get(api.url("/api/train/status/987654")).status());
    assertTrue(Http.get(api.url("/api/train/jobs")).jsonArray().size() >= 1);
  }

  @Test
  void generationKeepsAnsweringWhileANewModelIsActivated() throws Exception {
    long dataset = dataset(300, 7);
    train("{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset + "]}");
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    Map<String, Boolean> models = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      clients.submit(
          () -> {
            while (running.get()) {
              Http.Reply reply =
                  api.generate("{\"prompt\": \"what color is the\", \"max_tokens\": 20}");
              if (reply.status() == 200) {
                answered.incrementAndGet();
                models.put(reply.json().getString("model"), true);
              } else {
                synchronized (failures) {
                  failures.add(reply.status() + " " + reply.body());
                }
              }
            }
          });
    }
    try {
      train("{\"kind\": \"ngram\", \"order\": 4, \"datasets\": [" + dataset + "]}");
      Thread.sleep(500);
    } finally {
      running.set(false);
      clients.shutdown();
      clients.awaitTermination(30, TimeUnit.SECONDS);
    }

    assertEquals(List.of(), failures);
    assertTrue(answered.get() > 20, "answered " + answered.get());
    assertEquals(2, models.size(), "answers came from the old model, then from the new one");
  }

  @Test
  void arpaExportLoadsBackAsTheSameModel() {
    train("{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset(150, 8) + "]}");
    JsonObject before = Http.get(api.url("/api/model")).json();
    String text = "{\"text\": \"what color is the forest number 12 ?\"}";
    double perplexity =
        Http.postJson(api.url("/api/model/perplexity"), text)
            .json()
            .getJsonNumber("perplexity")
            .doubleValue();

    Http.Reply arpa = Http.get(api.url("/api/model/arpa"));
    assertEquals(200, arpa.status());
    assertTrue(arpa.body().startsWith("\\data\\"), arpa.body().substring(0, 40));
    Http.Reply imported =
        Uploads.upload(api.url("/api/model/arpa"), Uploads.file("export.arpa", arpa.body()));

    assertEquals(200, imported.status(), imported.body());
    JsonObject after = imported.json();
    assertNotEquals(before.getString("id"), after.getString("id"));
    assertEquals(before.getJsonArray("ngrams"), after.getJsonArray("ngrams"));
    assertEquals(
        perplexity,
        Http.postJson(api.url("/api/model/perplexity"), text)
            .json()
            .getJsonNumber("perplexity")
            .doubleValue(),
        perplexity * 1e-5);
  }

  @Test
  void brokenArpaIsRefusedAndTheActiveModelStays() {
    train("{\"kind\": \"ngram\", \"order\": 2, \"datasets\": [" + dataset(40, 9) + "]}");
    String active = Http.get(api.url("/api/model")).json().getString("id");

    Http.Reply reply =
        Uploads.upload(
            api.url("/api/model/arpa"),
            Uploads.file("broken.arpa", "\\data\\\nngram 1=2\n\n\\1-grams:\n-1.0\tonly\n"));

    assertEquals(422, reply.status(), reply.body());
    assertTrue(reply.json().getString("error").startsWith("Not a usable ARPA model"));
    assertEquals(active, Http.get(api.url("/api/model")).json().getString("id"));

    Http.Reply huge =
        Uploads.upload(
            api.url("/api/model/arpa"),
            Uploads.file(
                "huge.arpa", "\\data\\\nngram 1=2000000000\nngram 2=2000000000\n\n\\1-grams:\n"));
    assertEquals(422, huge.status(), huge.body());
    assertTrue(huge.json().getString("detail").contains("needs about"), huge.body());
    assertEquals(active, Http.get(api.url("/api/model")).json().getString("id"));
    assertEquals(200, Http.get(api.url("/api/keepalive")).status(), "the server is still up");
  }

  @Test
  void bpeJobWritesATokenizerJsonThatHuggingFaceEncodesLikeOurEncoder() throws Exception {
    long dataset = dataset(500, 10);
    train("{\"kind\": \"bpe\", \"vocab_size\": 300, \"datasets\": [" + dataset + "]}");

    Http.Reply download = Http.get(api.url("/api/tokenizer"));
    assertEquals(200, download.status());
    Path file = Files.createDirectories(Path.of("target/test-tokenizer")).resolve("tokenizer.json");
    Files.writeString(file, download.body(), StandardCharsets.UTF_8);
    String text = "What colour is the Harbour number 77? It is GOLDEN, not grey!";
    JsonObject ours =
        Http.postJson(api.url("/api/tokenizer/encode"), "{\"text\": \"" + text + "\"}").json();

    try (HuggingFaceTokenizer huggingFace =
        HuggingFaceTokenizer.newInstance(
            file, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"))) {
      long[] ids = huggingFace.encode(text, false, false).getIds();
      assertEquals(
          Arrays.stream(ids).boxed().map(Long::intValue).toList(),
          ours.getJsonArray("ids").getValuesAs(jakarta.json.JsonNumber.class).stream()
              .map(jakarta.json.JsonNumber::intValue)
              .toList());
    }
  }

  @Test
  void encodeBeforeAnyTokenizerOrWithBadInputAnswersClearly() {
    Http.Reply bad = Http.postJson(api.url("/api/tokenizer/encode"), "{\"words\": \"x\"}");
    assertEquals(400, bad.status(), bad.body());
    assertEquals(
        400,
        Http.send(
                HttpRequest.newBuilder(URI.create(api.url("/api/model/perplexity")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")))
            .status());
  }
}
