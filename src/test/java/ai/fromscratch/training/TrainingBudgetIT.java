package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.ChatClients;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.MemoryCgroup;
import ai.fromscratch.testing.TestDirs;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Training a corpus larger than its memory budget, with the server as production starts it inside
 * Render's 512 MB where a memory cgroup can be made: the estimation spills and completes, the model
 * answers, and a job that cannot fit its budget fails with what it needs, the server and its model
 * untouched. The 1 to 10 million word runs are {@link TrainingScaleBenchmark} ({@code mvn
 * -Pbench}).
 */
class TrainingBudgetIT {
  /** The least budget the setting allows: Brown's training lines need about 100 MB in memory. */
  private static final String BUDGET_MB = "8";

  @Test
  void aCorpusLargerThanTheBudgetTrainsWithinItAndAJobThatCannotFitFailsCleanly() {
    try (LibertyServer server = LibertyServer.create("fs-budget", TestDirs.fresh("budget"))) {
      boolean limited = server.limitMemory(MemoryCgroup.RENDER_FREE_MB);
      server.env("TRAINING_MEMORY_MB", BUDGET_MB);
      server.start();
      Api api = new Api(server.baseUrl());
      long dataset =
          api.upload(
              ChatClients.textRecords(Path.of("src/test/resources/lm/brown/brown.train.txt.gz")));

      JsonObject job =
          api.awaitCompleted(
              api.startTraining(
                  "{\"kind\": \"ngram\", \"order\": 4, \"index\": false, \"datasets\": ["
                      + dataset
                      + "]}"),
              Duration.ofMinutes(10));
      JsonObject result = job.getJsonObject("result");
      assertFalse(result.getBoolean("estimated_in_memory"), result.toString());
      assertEquals(8, result.getInt("estimate_memory_mb"), result.toString());
      assertTrue(result.getJsonNumber("heldout_perplexity").doubleValue() > 1, result.toString());
      String model = api.model();
      Http.Reply generated =
          api.generate("{\"prompt\": \"the jury said\", \"max_tokens\": 12, \"seed\": 1}");
      assertEquals(200, generated.status(), generated.body());

      JsonObject refused =
          api.awaitJob(
              api.startTraining(
                  "{\"kind\": \"ngram\", \"order\": 4, \"index\": false, \"prune\": [1],"
                      + " \"datasets\": ["
                      + dataset
                      + "]}"),
              Duration.ofMinutes(5));
      assertEquals("failed", refused.getString("state"), refused.toString());
      String error = refused.getString("error");
      assertTrue(error.contains("pruning estimates in memory and needs about"), error);
      assertTrue(error.contains("8 MB are available"), error);
      assertEquals(model, api.model(), "the answering model is untouched");
      assertEquals(200, Http.get(api.url("/health/live")).status());
      if (limited) {
        assertEquals(0, server.cgroup().orElseThrow().oomKills(), "the kernel killed nothing");
      }
    }
  }
}
