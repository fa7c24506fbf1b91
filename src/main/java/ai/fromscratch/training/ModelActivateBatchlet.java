package ai.fromscratch.training;

import ai.fromscratch.engine.Engine;
import ai.fromscratch.platform.DataDirectory;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;

/** Makes the model the job wrote the one that answers; running requests finish on the old one. */
@Named
@Dependent
public class ModelActivateBatchlet extends AbstractBatchlet {
  @Inject TrainingContext training;
  @Inject TrainingJobStore jobs;
  @Inject Engine engine;
  @Inject DataDirectory dataDirectory;
  @Inject TrainingWorkspace workspace;

  @Override
  public String process() throws IOException {
    long jobId = training.jobId();
    String file = NgramResult.of(jobs.find(jobId).orElseThrow().getResult()).modelFile();
    engine.activate(dataDirectory.models().resolve(file));
    workspace.remove(jobId);
    // The estimation's arrays and the previous model are garbage now, and the serial collector
    // gives heap back to the system only in a full collection: one now brings the server's
    // resident memory back to what the new model needs (see MaxHeapFreeRatio in jvm.options).
    System.gc();
    return BatchStatus.COMPLETED.name();
  }
}
