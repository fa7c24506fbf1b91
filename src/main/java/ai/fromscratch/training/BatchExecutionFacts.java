package ai.fromscratch.training;

import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the batch runtime knows of the execution carrying an active job: its status (null when there
 * is no such execution) and when it last changed. Decides whether the job was lost: its execution
 * ended long enough ago that its listener should have recorded the end, and did not.
 */
record BatchExecutionFacts(BatchStatus status, Instant lastChange) {
  /** How long after its execution ends a job's row may still say it is active. */
  static final Duration GRACE = Duration.ofSeconds(30);

  private static final Set<BatchStatus> RUNNING =
      EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);

  /** The state a lost job ends in; empty while its execution runs or may still report its end. */
  Optional<JobState> lostJobEnd(Instant now) {
    if (status != null && RUNNING.contains(status)) {
      return Optional.empty();
    }
    if (lastChange != null && Duration.between(lastChange, now).compareTo(GRACE) < 0) {
      return Optional.empty();
    }
    // A completed execution activated its model: only the record of it was lost.
    return Optional.of(status == BatchStatus.COMPLETED ? JobState.COMPLETED : JobState.FAILED);
  }

  /** Why a lost job was ended, for its error column; none when its execution completed. */
  String reason() {
    if (status == BatchStatus.COMPLETED) {
      return null;
    }
    return status == null
        ? "No batch execution carries this job; restart it to continue from its last checkpoint"
        : "Its batch execution ended ("
            + status
            + ") without recording it; restart the job to continue from its last checkpoint";
  }
}
