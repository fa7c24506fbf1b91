package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Deployments;
import ai.fromscratch.testing.Http;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlatformApiIT {
  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.app();
  }

  private String url(String path) {
    return base.toString().replaceAll("/$", "") + path;
  }

  private String serverRoot(String path) {
    return "http://" + base.getHost() + ":" + base.getPort() + path;
  }

  @Test
  void keepaliveAnswersStatusUptimeVersionAndModelState() {
    Http.Reply reply = Http.get(url("/api/keepalive"));

    assertEquals(200, reply.status());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    JsonObject body = reply.json();
    assertEquals("ok", body.getString("status"));
    assertTrue(body.getJsonNumber("uptime_seconds").longValue() >= 0);
    assertTrue(
        body.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"), body.getString("version"));
    assertFalse(body.getBoolean("model_loaded"));
  }

  @Test
  void healthReportsLivenessAndReadinessUp() {
    Http.Reply live = Http.get(serverRoot("/health/live"));
    Http.Reply ready = Http.get(serverRoot("/health/ready"));

    assertEquals(200, live.status(), live.body());
    assertEquals("UP", live.json().getString("status"));
    assertEquals(200, ready.status(), ready.body());
    JsonObject check =
        ready.json().getJsonArray("checks").stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("name").equals("from-scratch-ai"))
            .findFirst()
            .orElseThrow();
    assertTrue(check.getJsonObject("data").getBoolean("database"));
    assertTrue(check.getJsonObject("data").getBoolean("dataDirWritable"));
  }

  @Test
  void unknownApiPathAnswersJsonNotFound() {
    Http.Reply reply = Http.get(url("/api/no-such-thing"));

    assertEquals(404, reply.status());
    assertEquals("Not found", reply.json().getString("error"));
  }

  @Test
  void wrongMethodAnswersJsonMethodNotAllowed() {
    Http.Reply reply = Http.postJson(url("/api/keepalive"), "{}");

    assertEquals(405, reply.status());
    assertEquals("Method not allowed", reply.json().getString("error"));
  }

  @Test
  void badQueryParameterAnswersJsonBadRequestNamingIt() {
    Http.Reply reply = Http.get(url("/api/admin/starts?limit=0"));

    assertEquals(400, reply.status());
    assertTrue(reply.json().getString("error").contains("limit"), reply.body());
  }

  @Test
  void unparsableQueryParameterAnswersJsonBadRequestWithoutStackTrace() {
    Http.Reply reply = Http.get(url("/api/admin/starts?limit=abc"));

    assertEquals(400, reply.status());
    assertEquals("limit must be a whole number from 1 to 1000", reply.json().getString("error"));
    assertFalse(reply.body().contains("Exception"), reply.body());
  }

  @Test
  void adminConfigurationHidesSecretsAndShowsDefaults() {
    JsonObject config = Http.get(url("/api/admin/config")).json();

    assertEquals("8", config.getString("RAG_TOP_K"));
    assertEquals("16000", config.getString("MAX_CONTEXT_CHARS"));
    assertEquals("(not set)", config.getString("GROQ_API_KEY"));
    assertTrue(config.getString("DATA_DIR").endsWith("it-data"), config.getString("DATA_DIR"));
  }

  @Test
  void aJsonBodyOverTheLimitIsRefusedWith413AndTheServerGoesOn() {
    String text = "a".repeat(9 * 1024 * 1024);
    Http.Reply declared =
        Http.postJson(url("/api/model/perplexity"), "{\"text\": \"" + text + "\"}");
    Http.Reply chunked =
        Http.send(
            HttpRequest.newBuilder(URI.create(url("/api/chat")))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new java.io.ByteArrayInputStream(
                                ("{\"message\": \"" + text + "\"}").getBytes()))));

    for (Http.Reply reply : new Http.Reply[] {declared, chunked}) {
      assertEquals(413, reply.status(), reply.body());
      assertTrue(
          reply.json().getString("error").contains("larger than 64 KB"),
          "a public path takes 64 KB at most: " + reply.body());
    }
    Http.Reply protectedPath =
        Http.postJson(url("/api/train/start"), "{\"kind\": \"ngram\", \"x\": \"" + text + "\"}");
    assertEquals(413, protectedPath.status(), protectedPath.body());
    assertTrue(
        protectedPath.json().getString("error").contains("larger than 8 MB"),
        "the admin's paths keep the JSON reader's cap: " + protectedPath.body());
    assertEquals(200, Http.get(url("/api/keepalive")).status());
  }

  @Test
  void withoutAGroqKeySynthesisIsRefusedSayingWhy() {
    JsonObject status = Http.get(url("/api/synth/status")).json();
    Http.Reply start = Http.postJson(url("/api/synth"), "{\"topic\": \"kettles\"}");

    assertFalse(status.getBoolean("available"));
    assertTrue(status.getString("reason").contains("GROQ_API_KEY is not set"), status.toString());
    assertEquals(409, start.status());
    assertEquals(status.getString("reason"), start.json().getString("error"));
  }

  @Test
  void startIsRecordedInTheDatabase() {
    Http.Reply reply = Http.get(url("/api/admin/starts"));

    assertEquals(200, reply.status());
    assertFalse(reply.jsonArray().isEmpty());
  }

  @Test
  void openApiDescribesTheApi() {
    Http.Reply reply =
        Http.send(
            HttpRequest.newBuilder(URI.create(serverRoot("/openapi")))
                .header("Accept", "application/json")
                .GET());

    assertEquals(200, reply.status());
    assertTrue(reply.json().getJsonObject("paths").containsKey("/api/keepalive"), reply.body());
  }
}
