package ai.fromscratch.training;

import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Shows which step a job is in, and keeps the reason when a step fails. */
@Named
@Dependent
public class TrainingStepListener implements StepListener {
  @Inject StepContext stepContext;
  @Inject TrainingContext training;
  @Inject TrainingJobStore jobs;

  @Override
  public void beforeStep() {
    jobs.step(training.jobId(), stepContext.getStepName(), 0);
  }

  @Override
  public void afterStep() {
    Exception failure = stepContext.getException();
    if (failure != null) {
      String message = failure.getMessage();
      jobs.error(
          training.jobId(),
          stepContext.getStepName()
              + ": "
              + (message == null ? failure.getClass().getSimpleName() : message));
    }
  }
}
