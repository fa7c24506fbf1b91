package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Deployments;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.Uploads;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
class RetrievalApiIT {
  private static final Duration JOB = Duration.ofMinutes(4);
  private static final String FACTS =
      """
      {"question": "How do I reset my router?", "answer": "Hold the reset button for ten seconds until the lights blink."}
      {"question": "What does the blue light on the Boreas kettle mean?", "answer": "The blue light means the Boreas kettle is heating the water."}
      {"question": "How long is the warranty of the Boreas kettle?", "answer": "The Boreas kettle has a warranty of three years."}
      {"question": "Where do I find my invoice?", "answer": "Invoices are in your account under Orders, one per purchase."}
      {"text": "The Boreas kettle boils one liter of water in ninety seconds. Descale it every month with citric acid."}
      """;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.app();
  }

  private Api api;

  @BeforeEach
  void api() {
    api = new Api(base.toString());
  }

  private JsonObject search(String query, String k) {
    return Http.get(
            api.url(
                "/api/rag/search?q="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8)
                    + (k == null ? "" : "&k=" + k)))
        .json();
  }

  @Test
  void trainingIndexesTheDatasetAndAnswersNameTheirSources() {
    long dataset =
        api.upload(Uploads.file("kettle-" + System.nanoTime() + ".jsonl", TestData.unique(FACTS)));
    JsonObject job =
        api.awaitJob(
            api.startTraining(
                "{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset + "]}"),
            JOB);
    assertEquals("completed", job.getString("state"), job.toString());

    JsonObject status = Http.get(api.url("/api/rag")).json();
    assertTrue(status.getJsonArray("datasets").toString().contains(String.valueOf(dataset)));
    JsonArray hits =
        search("how many years of warranty does the Boreas kettle have", "3").getJsonArray("hits");
    assertTrue(hits.size() >= 1 && hits.size() <= 3, hits.toString());
    JsonObject first = hits.getJsonObject(0);
    assertTrue(first.getString("text").contains("warranty"), first.toString());
    assertEquals(dataset, first.getJsonNumber("dataset_id").longValue());
    assertTrue(first.getJsonNumber("similarity").doubleValue() > 0.35, first.toString());
    assertTrue(first.containsKey("fused_score") && first.containsKey("keyword_score"));

    JsonObject answer =
        api.generate(
                "{\"prompt\": \"how long is the Boreas kettle warranty\", \"use_rag\": true, \"seed\": 3}")
            .json();
    assertTrue(answer.getJsonArray("sources").size() >= 1, answer.toString());
    JsonObject plain =
        api.generate("{\"prompt\": \"how long is the Boreas kettle warranty\", \"seed\": 3}")
            .json();
    assertEquals(0, plain.getJsonArray("sources").size());
  }

  @Test
  void aNewDatasetIsIndexedWithoutRetrainingAndLeavesTheIndexWhenDeleted() {
    long first =
        api.upload(
            Uploads.file(
                "index-a-" + System.nanoTime() + ".jsonl",
                TestData.unique(FACTS.replace("Boreas", "Notos"))));
    api.awaitJob(
        api.startTraining("{\"kind\": \"ngram\", \"order\": 2, \"datasets\": [" + first + "]}"),
        JOB);
    String model = Http.get(api.url("/api/model")).json().getString("id");
    long second =
        api.upload(
            Uploads.file(
                "index-b-" + System.nanoTime() + ".jsonl",
                "{\"prompt\": \"Which trains stop at Quillby junction?\", \"response\": \"Only the northern"
                    + " line stops at Quillby junction.\"}\n"));

    JsonObject job =
        api.awaitJob(
            api.startTraining("{\"kind\": \"index\", \"datasets\": [" + second + "]}"), JOB);

    assertEquals("completed", job.getString("state"), job.toString());
    assertEquals(model, Http.get(api.url("/api/model")).json().getString("id"), "not retrained");
    JsonArray hits = search("trains at Quillby", null).getJsonArray("hits");
    assertEquals(second, hits.getJsonObject(0).getJsonNumber("dataset_id").longValue());

    Http.send(HttpRequest.newBuilder(URI.create(api.url("/api/datasets/" + second))).DELETE());

    assertTrue(
        search("trains at Quillby", null).getJsonArray("hits").stream()
            .map(JsonObject.class::cast)
            .noneMatch(hit -> hit.getJsonNumber("dataset_id").longValue() == second));
  }

  @Test
  void badSearchParametersAreNamed() {
    assertEquals(
        "k must be a whole number from 1 to 50",
        Http.get(api.url("/api/rag/search?q=kettle&k=0")).json().getString("error"));
    assertEquals(
        "q must not be empty", Http.get(api.url("/api/rag/search")).json().getString("error"));
  }
}
