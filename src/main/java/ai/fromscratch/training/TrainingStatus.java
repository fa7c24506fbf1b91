package ai.fromscratch.training;

import ai.fromscratch.platform.StoredJsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A training job as the API and the Data page show it. */
public record TrainingStatus(
    long id,
    String kind,
    String state,
    String step,
    @JsonbProperty("items_done") long itemsDone,
    @JsonbProperty("items_total") long itemsTotal,
    Double percent,
    @JsonbProperty("elapsed_seconds") double elapsedSeconds,
    @JsonbProperty("remaining_seconds") Double remainingSeconds,
    StoredJsonObject parameters,
    StoredJsonObject result,
    String error,
    @JsonbProperty("created_at") Instant createdAt,
    @JsonbProperty("ended_at") Instant endedAt)
    implements Serializable {

  static TrainingStatus of(TrainingJob job) {
    Instant now = Instant.now();
    boolean running = job.getState() == JobState.RUNNING || job.getState() == JobState.STOPPING;
    double elapsed =
        job.getRunSeconds()
            + (running && job.getRunStartedAt() != null
                ? Duration.between(job.getRunStartedAt(), now).toMillis() / 1000.0
                : 0);
    Double percent =
        job.getItemsTotal() > 0 ? 100.0 * job.getItemsDone() / job.getItemsTotal() : null;
    return new TrainingStatus(
        job.getId(),
        job.getKind().id(),
        job.getState().name().toLowerCase(Locale.ROOT),
        job.getStep(),
        job.getItemsDone(),
        job.getItemsTotal(),
        percent == null ? null : Math.round(percent * 10) / 10.0,
        Math.round(elapsed * 10) / 10.0,
        running ? remaining(job, now) : null,
        StoredJsonObject.parse(job.getParameters()),
        job.getResult() == null ? null : StoredJsonObject.parse(job.getResult()),
        job.getError(),
        job.getCreatedAt(),
        job.getEndedAt());
  }

  /** The step's time left at its pace so far (the job's other steps are short). */
  private static Double remaining(TrainingJob job, Instant now) {
    if (job.getStepStartedAt() == null || job.getItemsDone() == 0 || job.getItemsTotal() == 0) {
      return null;
    }
    double spent = Duration.between(job.getStepStartedAt(), now).toMillis() / 1000.0;
    double left = spent / job.getItemsDone() * (job.getItemsTotal() - job.getItemsDone());
    return Math.round(Math.max(0, left) * 10) / 10.0;
  }
}
