package ai.fromscratch.training;

import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.engine.ModelMetadata;
import ai.fromscratch.lm.EstimationOptions;
import ai.fromscratch.lm.EstimationResult;
import ai.fromscratch.lm.KneserNeyEstimator;
import ai.fromscratch.lm.ModelFile;
import ai.fromscratch.lm.NgramModel;
import ai.fromscratch.lm.PerplexityReport;
import ai.fromscratch.lm.TextScorer;
import ai.fromscratch.platform.DataDirectory;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Estimates the model from the job's corpus, measures it on the held-out sentences, and writes the
 * model file (atomically) with what it was trained on. Restarting re-runs it whole: it takes
 * seconds, the corpus step before it is what checkpoints.
 */
@Named
@Dependent
public class NgramEstimateBatchlet extends AbstractBatchlet {
  /** Phases of the estimator, and where each starts on the step's 0..100 progress scale. */
  private static final Map<String, Integer> PHASE_START =
      Map.of("reading", 0, "counting", 40, "smoothing", 70);

  @Inject TrainingContext training;
  @Inject TrainingWorkspace workspace;
  @Inject TrainingJobStore jobs;
  @Inject DatasetService datasets;
  @Inject DataDirectory dataDirectory;

  private final StopSignal stop = new StopSignal();

  @Override
  public String process() throws IOException {
    long jobId = training.jobId();
    NgramParameters parameters = training.ngramParameters();
    Path corpus = workspace.corpus(jobId);
    if (Files.size(corpus) == 0) {
      throw new IllegalStateException("The chosen datasets hold no text to train on");
    }
    long started = System.nanoTime();
    EstimationOptions options =
        EstimationOptions.ofOrder(parameters.order())
            .withDiscountFallback(parameters.discountFallback())
            .withPruneThresholds(parameters.pruneThresholds());
    EstimationResult result;
    try {
      result =
          new KneserNeyEstimator(options)
              .estimatePretokenized(
                  corpus, (phase, done, total) -> report(jobId, phase, done, total));
    } catch (CancellationException e) {
      return BatchStatus.STOPPED.name();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    NgramModel model = result.model();
    PerplexityReport heldout = heldout(model, workspace.heldout(jobId));
    Path file =
        dataDirectory
            .models()
            .resolve("model-" + jobId + "-" + Instant.now().toEpochMilli() + ".lm");
    ModelFile.save(file, model, metadata(jobId, parameters, result, heldout));
    jobs.result(jobId, resultJson(file, model, result, heldout, seconds));
    return BatchStatus.COMPLETED.name();
  }

  private void report(long jobId, String phase, long done, long total) {
    stop.check();
    int start = PHASE_START.getOrDefault(phase, 0);
    int end = phase.equals("reading") ? 40 : phase.equals("counting") ? 70 : 100;
    long percent = total > 0 ? start + (end - start) * done / total : start;
    jobs.progress(jobId, percent, 100);
  }

  @Override
  public void stop() {
    stop.stop();
  }

  private static PerplexityReport heldout(NgramModel model, Path file) throws IOException {
    List<String[]> sentences = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isEmpty()) {
          sentences.add(line.split(" "));
        }
      }
    }
    return sentences.isEmpty() ? null : new TextScorer(model).perplexity(sentences);
  }

  private Map<String, String> metadata(
      long jobId, NgramParameters parameters, EstimationResult result, PerplexityReport heldout) {
    JsonArrayBuilder trainedOn = Json.createArrayBuilder();
    for (long id : parameters.datasets()) {
      trainedOn.add(Json.createObjectBuilder().add("id", id).add("name", datasets.get(id).name()));
    }
    var metadata = new java.util.HashMap<String, String>();
    metadata.put(ModelMetadata.SOURCE, "trained");
    metadata.put(ModelMetadata.CREATED_AT, Instant.now().toString());
    metadata.put(ModelMetadata.DATASETS, trainedOn.build().toString());
    metadata.put(ModelMetadata.TRAINING_JOB, String.valueOf(jobId));
    metadata.put(ModelMetadata.TRAINING_TOKENS, String.valueOf(result.tokens()));
    metadata.put(ModelMetadata.TRAINING_SENTENCES, String.valueOf(result.sentences()));
    metadata.put(
        ai.fromscratch.engine.ActiveModel.LOWERCASE, String.valueOf(parameters.lowercase()));
    if (heldout != null) {
      metadata.put(ModelMetadata.HELDOUT_PERPLEXITY, String.valueOf(heldout.perplexity()));
      metadata.put(
          ModelMetadata.HELDOUT_PERPLEXITY_EXCLUDING_OOV,
          String.valueOf(heldout.perplexityExcludingOovs()));
    }
    return metadata;
  }

  private static String resultJson(
      Path file,
      NgramModel model,
      EstimationResult result,
      PerplexityReport heldout,
      double seconds) {
    JsonArrayBuilder ngrams = Json.createArrayBuilder();
    for (int order = 1; order <= model.order(); order++) {
      ngrams.add(model.ngramCount(order));
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("model_file", file.getFileName().toString())
            .add("ngrams", ngrams)
            .add("vocabulary_size", model.vocabulary().size())
            .add("memory_bytes", model.memoryBytes())
            .add("sentences", result.sentences())
            .add("tokens", result.tokens())
            .add("estimate_seconds", Math.round(seconds * 1000) / 1000.0);
    if (heldout != null) {
      json.add("heldout_perplexity", heldout.perplexity())
          .add("heldout_perplexity_excluding_oov", heldout.perplexityExcludingOovs())
          .add("heldout_tokens", heldout.tokens())
          .add("heldout_oovs", heldout.oovs());
    }
    return json.build().toString();
  }
}
