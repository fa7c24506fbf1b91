package ai.fromscratch.training;

import ai.fromscratch.platform.RestoreParticipant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * At start-up, marks the jobs a crash or a restart of this instance interrupted as failed, so they
 * show what happened and can be restarted from their last checkpoint. Other instances' jobs are
 * theirs: another instance fails them only once their lease runs out ({@code WorkLeases}).
 */
@ApplicationScoped
public class TrainingRecovery implements RestoreParticipant {
  private static final Logger LOG = Logger.getLogger(TrainingRecovery.class.getName());

  @Inject TrainingJobStore jobs;
  @Inject TrainingService training;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    fail(
        training.activeHere(),
        "The server stopped while this job ran; restart it to continue from its last checkpoint");
  }

  @Override
  public Optional<String> busyReason() {
    return jobs.active().isEmpty()
        ? Optional.empty()
        : Optional.of("A training job is running: restore when it has ended");
  }

  /**
   * Marks every job recorded as running as failed: after a restore, when no job runs anywhere (a
   * restore waits for them) and the rows come from the backup.
   */
  @Override
  public void afterRestore() {
    fail(jobs.active(), INTERRUPTED);
  }

  private void fail(List<TrainingJob> interrupted, String reason) {
    for (TrainingJob job : interrupted) {
      if (jobs.ended(job.getId(), JobState.FAILED, reason)) {
        LOG.warning(() -> "Training job " + job.getId() + " was interrupted: " + reason);
      }
    }
  }
}
