package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** The per-client limits on chat and upload, on a real server with small limits set. */
class RateLimitIT {
  @Test
  void pastItsLimitAClientGets429WithRetryAfterWhileOthersGoOn() {
    try (LibertyServer server =
        LibertyServer.create("fs-limits", TestDirs.fresh("limits"))
            .env("RATE_LIMIT_CHAT_PER_MINUTE", "3")
            .env("RATE_LIMIT_UPLOADS_PER_HOUR", "2")
            .env("RATE_LIMIT_API_PER_MINUTE", "2")
            .env("TRUSTED_PROXY_HOPS", "1")) {
      server.start();
      String chat = server.baseUrl() + "/api/chat";
      for (int i = 0; i < 3; i++) {
        assertEquals(409, Http.postJson(chat, "{\"message\": \"hi\"}").status(), "no model yet");
      }
      Http.Reply limited = Http.postJson(chat, "{\"message\": \"hi\"}");
      assertEquals(429, limited.status(), limited.body());
      assertTrue(limited.json().getString("error").startsWith("Too many requests"));
      int retryAfter = Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= 20, "Retry-After " + retryAfter);
      assertEquals(429, Http.get(server.baseUrl() + "/api/chat/stream?message=hi").status());
      assertEquals(
          429,
          Http.postJson(server.baseUrl() + "/api/model/generate", "{\"prompt\": \"hi\"}").status(),
          "generating counts as asking for an answer");
      assertEquals(
          429,
          Http.postJson(server.baseUrl() + "/api/model/perplexity", "{\"text\": \"hi\"}").status());

      Http.Reply otherClient =
          Http.send(
              HttpRequest.newBuilder(URI.create(chat))
                  .header("Content-Type", "application/json")
                  .header("X-Forwarded-For", "203.0.113.7")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"hi\"}")));
      assertEquals(409, otherClient.status(), "another client has its own allowance");
      assertEquals(200, Http.get(server.baseUrl() + "/api/keepalive").status());

      String conversations = server.baseUrl() + "/api/conversations?q=router";
      assertEquals(200, Http.get(conversations).status());
      assertEquals(200, Http.get(conversations).status());
      assertEquals(429, Http.get(conversations).status(), "searching is limited too");
      assertEquals(
          429,
          Http.postJson(
                  server.baseUrl() + "/api/ratings", "{\"exchange_id\": 1, \"rating\": \"up\"}")
              .status(),
          "rating counts with the other public calls");

      String uploads = server.baseUrl() + "/api/datasets";
      for (int i = 0; i < 2; i++) {
        Http.Reply upload =
            Uploads.upload(uploads, Uploads.file("limit-" + i + ".jsonl", TestData.qaPairs(3, i)));
        assertNotEquals(429, upload.status(), upload.body());
      }
      Http.Reply third =
          Uploads.upload(uploads, Uploads.file("limit-3.jsonl", TestData.qaPairs(3, 3)));
      assertEquals(429, third.status(), third.body());
    }
  }
}
