package ai.fromscratch.training;

import ai.fromscratch.platform.InstanceName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * At start-up, marks the jobs a crash or a restart of this instance interrupted as failed, so they
 * show what happened and can be restarted from their last checkpoint. Other instances' jobs are
 * theirs: the watchdog fails them only once their claim runs out.
 */
@ApplicationScoped
public class TrainingRecovery {
  private static final Logger LOG = Logger.getLogger(TrainingRecovery.class.getName());

  @Inject TrainingJobStore jobs;
  @Inject InstanceName instance;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    failInterrupted(
        "The server stopped while this job ran; restart it to continue from its last checkpoint");
  }

  /**
   * Marks this instance's jobs recorded as running, though none runs, as failed for {@code reason}.
   */
  public void failInterrupted(String reason) {
    for (TrainingJob job : jobs.activeHeldBy(instance.get())) {
      if (jobs.ended(job.getId(), JobState.FAILED, reason)) {
        LOG.warning(() -> "Training job " + job.getId() + " was interrupted: " + reason);
      }
    }
  }
}
