package ai.fromscratch.testing;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** The app's API as the integration tests use it: uploads, training jobs, generation. */
public final class Api {
  private static final Set<String> FINISHED = Set.of("completed", "failed", "stopped");

  private final String base;

  public Api(String base) {
    this.base = base.replaceAll("/$", "");
  }

  public String url(String path) {
    return base + path;
  }

  /** Uploads a file as a dataset and returns its id. */
  public long upload(Path file) {
    Http.Reply reply = Uploads.upload(url("/api/datasets"), file);
    if (reply.status() != 201) {
      throw new AssertionError("upload failed: " + reply.status() + " " + reply.body());
    }
    return reply.json().getJsonObject("dataset").getJsonNumber("id").longValue();
  }

  /** Starts a training job and returns its id. */
  public long startTraining(String body) {
    Http.Reply reply = Http.postJson(url("/api/train/start"), body);
    if (reply.status() != 202) {
      throw new AssertionError("training did not start: " + reply.status() + " " + reply.body());
    }
    return reply.json().getJsonNumber("id").longValue();
  }

  /** The id of the answering model. */
  public String model() {
    return Http.get(url("/api/model")).json().getString("id");
  }

  public JsonObject job(long id) {
    return Http.get(url("/api/train/status/" + id)).json();
  }

  /** Polls a job until it has finished, one way or another. */
  public JsonObject awaitJob(long id, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonObject job = job(id);
      if (FINISHED.contains(job.getString("state"))) {
        return job;
      }
      sleep(200);
    }
    throw new AssertionError("job " + id + " did not finish within " + timeout + ": " + job(id));
  }

  /** Waits for a job to finish and returns its status, failing unless it completed. */
  public JsonObject awaitCompleted(long id, Duration timeout) {
    JsonObject job = awaitJob(id, timeout);
    if (!job.getString("state").equals("completed")) {
      throw new AssertionError("job " + id + " did not complete: " + job);
    }
    return job;
  }

  /** Polls a job until {@code condition} holds. */
  public JsonObject awaitJob(
      long id, Duration timeout, java.util.function.Predicate<JsonObject> condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonObject job = job(id);
      if (condition.test(job)) {
        return job;
      }
      sleep(50);
    }
    throw new AssertionError("job " + id + " did not reach the condition: " + job(id));
  }

  /** Indexes a dataset without retraining, failing unless the job completes. */
  public JsonObject index(long dataset) {
    return awaitCompleted(
        startTraining("{\"kind\": \"index\", \"datasets\": [" + dataset + "]}"),
        Duration.ofMinutes(2));
  }

  /** The id of the dataset named {@code name}. */
  public long datasetNamed(String name) {
    return Http.get(url("/api/datasets")).jsonArray().stream()
        .map(JsonObject.class::cast)
        .filter(dataset -> dataset.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no dataset is named " + name))
        .getJsonNumber("id")
        .longValue();
  }

  public void deleteDataset(long id) {
    Http.send(HttpRequest.newBuilder(URI.create(url("/api/datasets/" + id))).DELETE());
  }

  public Http.Reply generate(String body) {
    return Http.postJson(url("/api/model/generate"), body);
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
