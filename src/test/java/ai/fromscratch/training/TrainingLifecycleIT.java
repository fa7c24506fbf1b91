package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Training across a server restart, with the server run as a real process. */
class TrainingLifecycleIT {

  @Test
  void trainedModelIsStillActiveAfterARestartAndAnswersTheSame() {
    try (LibertyServer server = LibertyServer.create("fs-train", TestDirs.fresh("train-restart"))) {
      server.start();
      Api api = new Api(server.baseUrl());
      Http.Reply before = api.generate("{\"prompt\": \"what color\"}");
      assertEquals(409, before.status(), before.body());
      assertTrue(before.json().getString("error").startsWith("No model is trained yet"));

      long dataset = api.upload(Uploads.file("restart-qa.jsonl", TestData.qaPairs(200, 11)));
      JsonObject job =
          api.awaitJob(
              api.startTraining(
                  "{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset + "]}"),
              Duration.ofMinutes(3));
      assertEquals("completed", job.getString("state"), job.toString());
      String request =
          "{\"prompt\": \"what color is the island\", \"seed\": 7, \"max_tokens\": 25}";
      JsonObject first = api.generate(request).json();
      String model = Http.get(api.url("/api/model")).json().getString("id");
      server.stop();

      server.start();

      assertEquals(model, Http.get(api.url("/api/model")).json().getString("id"));
      assertEquals(first.getString("text"), api.generate(request).json().getString("text"));
      assertEquals("completed", api.job(job.getJsonNumber("id").longValue()).getString("state"));
    }
  }
}
