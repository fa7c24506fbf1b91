package ai.fromscratch.training;

import ai.fromscratch.platform.TrainingCompleted;
import ai.fromscratch.platform.WorkLeases;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Keeps the training job's row in step with the batch execution's start and end. */
@Named
@Dependent
public class TrainingJobListener implements JobListener {
  @Inject JobContext jobContext;
  @Inject TrainingContext training;
  @Inject TrainingJobStore jobs;
  @Inject Event<TrainingCompleted> completed;
  @Inject WorkLeases leases;

  @Override
  public void beforeJob() {
    jobs.running(training.jobId(), jobContext.getExecutionId());
  }

  @Override
  public void afterJob() {
    long jobId = training.jobId();
    leases.end(TrainingService.LEASE, jobId);
    BatchStatus status = jobContext.getBatchStatus();
    String exit = jobContext.getExitStatus();
    if (status == BatchStatus.STOPPING
        || status == BatchStatus.STOPPED
        || BatchStatus.STOPPED.name().equals(exit)) {
      jobs.ended(jobId, JobState.STOPPED, null);
    } else if (status == BatchStatus.FAILED) {
      String error = jobs.find(jobId).map(TrainingJob::getError).orElse(null);
      jobs.ended(jobId, JobState.FAILED, error == null ? "The job failed (" + exit + ")" : error);
    } else if (jobs.ended(jobId, JobState.COMPLETED, null)) {
      completed.fireAsync(new TrainingCompleted(jobId));
    }
  }
}
