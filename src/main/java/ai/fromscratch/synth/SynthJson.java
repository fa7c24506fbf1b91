package ai.fromscratch.synth;

import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;

/** A synthesis run as the API and the Data page show it. */
public record SynthJson(
    long id,
    String state,
    String topic,
    String model,
    int requested,
    int pairs,
    int percent,
    int skipped,
    int duplicates,
    int requests,
    String error,
    @JsonbProperty("dataset_id") Long datasetId,
    @JsonbProperty("created_at") Instant createdAt,
    @JsonbProperty("ended_at") Instant endedAt)
    implements Serializable {

  static SynthJson of(SynthRun run) {
    return new SynthJson(
        run.getId(),
        run.getState().name().toLowerCase(Locale.ROOT),
        run.getTopic(),
        run.getModel(),
        run.getRequested(),
        run.getPairs(),
        run.getState() == SynthState.COMPLETED
            ? 100
            : (int) Math.min(99, 100L * run.getPairs() / run.getRequested()),
        run.getSkipped(),
        run.getDuplicates(),
        run.getRequests(),
        run.getError(),
        run.getDatasetId(),
        run.getCreatedAt(),
        run.getEndedAt());
  }

  public boolean running() {
    return state.equals("running");
  }
}
