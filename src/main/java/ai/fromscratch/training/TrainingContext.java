package ai.fromscratch.training;

import ai.fromscratch.platform.ApiException;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;

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
    try (JsonReader reader = Json.createReader(new StringReader(job.getParameters()))) {
      return reader.readObject();
    }
  }

  public NgramParameters ngramParameters() {
    JsonObject json = parameters();
    return NgramParameters.stored(json);
  }

  public BpeParameters bpeParameters() {
    return BpeParameters.stored(parameters());
  }
}
