package ai.fromscratch.training;

import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.engine.HeapBudget;
import ai.fromscratch.engine.ModelMetadata;
import ai.fromscratch.lm.EstimationOptions;
import ai.fromscratch.lm.EstimationResult;
import ai.fromscratch.lm.KneserNeyEstimator;
import ai.fromscratch.lm.ModelFile;
import ai.fromscratch.lm.NgramEstimator;
import ai.fromscratch.lm.NgramModel;
import ai.fromscratch.lm.PerplexityReport;
import ai.fromscratch.lm.ProgressListener;
import ai.fromscratch.lm.SentenceScore;
import ai.fromscratch.lm.SpillingEstimator;
import ai.fromscratch.lm.TextScorer;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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
 * Estimates the model from the job's corpus within the training memory budget ({@link
 * EstimationPlan}: in memory, or spilling sorted blocks to the job's work directory), measures it
 * on the held-out sentences, and writes the model file (atomically) with what it was trained on.
 * Restarting re-runs it whole: the corpus step before it is what checkpoints.
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
  @Inject Settings settings;

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
    EstimationPlan plan = plan(corpus, parameters);
    Path spill = workspace.directory(jobId).resolve("estimate");
    TrainingWorkspace.deleteTree(spill);
    ProgressListener progress = (phase, done, total) -> report(jobId, phase, done, total);
    try {
      NgramEstimator estimator =
          plan.inMemory()
              ? new KneserNeyEstimator(options)
              : new SpillingEstimator(options, plan.memoryBytes(), spill);
      EstimationResult result = estimator.estimatePretokenized(corpus, progress);
      double seconds = (System.nanoTime() - started) / 1e9;
      NgramModel model = result.model();
      PerplexityReport heldout = heldout(model, workspace.heldout(jobId));
      Path file =
          dataDirectory
              .models()
              .resolve("model-" + jobId + "-" + Instant.now().toEpochMilli() + ".lm");
      ModelFile.save(file, model, metadata(jobId, parameters, result, heldout));
      jobs.result(jobId, result(file, model, result, heldout, seconds, plan).toJson().toString());
      return BatchStatus.COMPLETED.name();
    } catch (CancellationException e) {
      return BatchStatus.STOPPED.name();
    } finally {
      TrainingWorkspace.deleteTree(spill);
    }
  }

  /** Whether the corpus fits in memory, and if not whether it fits the budget and the disk. */
  private EstimationPlan plan(Path corpus, NgramParameters parameters) throws IOException {
    long budget = (long) settings.getInt(Setting.TRAINING_MEMORY_MB) << 20;
    Path work = dataDirectory.work();
    return EstimationPlan.of(
        CorpusSize.ids(corpus),
        parameters.order(),
        !parameters.prune().isEmpty(),
        budget,
        HeapBudget.spareBytes(),
        Files.getFileStore(work).getUsableSpace());
  }

  private void report(long jobId, String phase, long done, long total) {
    stop.check();
    int start = PHASE_START.getOrDefault(phase, 0);
    int end = phase.equals("reading") ? 40 : phase.equals("counting") ? 70 : 100;
    long percent = total > 0 ? start + (end - start) * done / total : start;
    jobs.progress(jobId, percent, 100);
  }

  /**
   * The most held-out tokens scored. A model larger than the page cache is scored from disk, a few
   * random reads a token: 500,000 tokens of a 10 M-word corpus's model took longer than its
   * estimation in 512 MB. 100,000 tokens is a large sample: KenLM's Brown figures come from 65,000.
   */
  static final long HELDOUT_MAX_TOKENS = 100_000;

  @Override
  public void stop() {
    stop.stop();
  }

  /**
   * The model's perplexity on the held-out sentences, read as a stream (null if none), up to {@link
   * #HELDOUT_MAX_TOKENS}: records are held out at random, so the first sentences are a fair sample.
   */
  static PerplexityReport heldout(NgramModel model, Path file) throws IOException {
    TextScorer scorer = new TextScorer(model);
    PerplexityReport.Accumulator accumulator = new PerplexityReport.Accumulator();
    boolean any = false;
    long tokens = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine();
          line != null && tokens < HELDOUT_MAX_TOKENS;
          line = in.readLine()) {
        if (!line.isEmpty()) {
          SentenceScore score = scorer.score(line.split(" "));
          accumulator.add(score);
          tokens += score.tokens();
          any = true;
        }
      }
    }
    return any ? accumulator.report() : null;
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

  private static NgramResult result(
      Path file,
      NgramModel model,
      EstimationResult result,
      PerplexityReport heldout,
      double seconds,
      EstimationPlan plan) {
    List<Long> ngrams = new ArrayList<>();
    for (int order = 1; order <= model.order(); order++) {
      ngrams.add((long) model.ngramCount(order));
    }
    return new NgramResult(
        file.getFileName().toString(),
        ngrams,
        model.vocabulary().size(),
        model.memoryBytes(),
        result.sentences(),
        result.tokens(),
        Math.round(seconds * 1000) / 1000.0,
        plan.inMemory(),
        plan.memoryBytes() >> 20,
        heldout == null
            ? null
            : new NgramResult.Heldout(
                heldout.perplexity(),
                heldout.perplexityExcludingOovs(),
                heldout.tokens(),
                heldout.oovs()));
  }
}
