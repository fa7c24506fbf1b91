package ai.fromscratch.backup;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.TrainingCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs up to S3 besides the schedule: after each completed training job (a new model is the work
 * most worth keeping) and when the server is asked to stop (SIGTERM, as at every Render restart and
 * deploy, which then waits 30 s). On Render's free plan the disk is gone at the next restart;
 * without S3 a local backup would not outlive it, so none is taken here.
 */
@ApplicationScoped
public class BackupTriggers {
  private static final Logger LOG = Logger.getLogger(BackupTriggers.class.getName());

  @Inject BackupService backups;
  @Inject S3BackupStore s3;

  void afterTraining(@ObservesAsync TrainingCompleted completed) {
    if (!s3.enabled()) {
      return;
    }
    try {
      backups.create("training " + completed.jobId());
    } catch (ApiException e) {
      LOG.info(() -> "No backup after training job " + completed.jobId() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The backup after training job " + completed.jobId() + " failed", e);
    }
  }
}
