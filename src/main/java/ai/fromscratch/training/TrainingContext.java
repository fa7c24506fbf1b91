package ai.fromscratch.training;

import ai.fromscratch.platform.ApiException;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/** What a batch artifact needs to know of its training job: its id and its parameters. */
@Dependent
public class TrainingContext {
  static final String JOB_ID = "trainingJobId";

  @Inject JobContext jobContext;
  @Inject TrainingJobStore jobs;

  public long jobId() {
    return Long.parseLong(jobContext.getProperties().getProperty(JOB_ID));
  }

  public JsonObject parameters() {
    TrainingJob job =
        jobs.find(jobId()).orElseThrow(() -> ApiException.notFound("No training job " + jobId()));
    return job.parameterJson();
  }

  /** The datasets the job works on, whatever its kind. */
  public java.util.List<Long> datasetIds() {
    return parameters().getJsonArray("datasets").getValuesAs(jakarta.json.JsonNumber.class).stream()
        .map(jakarta.json.JsonNumber::longValue)
        .toList();
  }

  /** Whether the job indexes its datasets for retrieval (an index job always does). */
  public boolean indexes() {
    return parameters().getBoolean("index", true);
  }

  public NgramParameters ngramParameters() {
    JsonObject json = parameters();
    return NgramParameters.stored(json);
  }

  public BpeParameters bpeParameters() {
    return BpeParameters.stored(parameters());
  }
}
