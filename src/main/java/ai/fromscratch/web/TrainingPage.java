package ai.fromscratch.web;

import ai.fromscratch.bpe.BpeTrainingOptions;
import ai.fromscratch.dataset.DatasetJson;
import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.training.BpeParameters;
import ai.fromscratch.training.BpeResult;
import ai.fromscratch.training.JobKind;
import ai.fromscratch.training.NgramParameters;
import ai.fromscratch.training.NgramResult;
import ai.fromscratch.training.TrainingRequest;
import ai.fromscratch.training.TrainingService;
import ai.fromscratch.training.TrainingStatus;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Data page's training panel: the parameters of the next job, the running jobs' progress
 * (polled while any runs, so it survives a reload) and the job history with stop and restart. It
 * builds the same request the API takes and hands it to the same service.
 */
@ViewModel
public class TrainingPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject TrainingService trainingService;
  @Inject DatasetService datasetService;

  private List<TrainingStatus> jobs;
  private List<DatasetJson> datasets;
  private List<Long> selectedDatasets = new ArrayList<>();
  private int order = 4;
  private boolean lowercase = true;
  private double heldoutPercent = 5;
  private String prune = "";
  private int vocabularySize = 8000;
  private int minFrequency = 2;

  @PostConstruct
  void load() {
    refresh();
  }

  /** Reloads the jobs (the poll calls it); stops polling once nothing runs. */
  public void refresh() {
    jobs = trainingService.list();
    datasets = datasetService.list();
    PageActions.stopPollWhenIdle(isAnyActive(), "jobPoll");
  }

  public void trainNgram() {
    start(
        () ->
            new NgramParameters(
                selectedDatasets,
                order,
                thresholds(),
                lowercase,
                heldoutPercent / 100,
                true,
                true,
                NgramParameters.DEFAULT_CHUNK_SIZE));
  }

  public void trainBpe() {
    start(
        () ->
            new BpeParameters(
                selectedDatasets,
                vocabularySize,
                minFrequency,
                BpeTrainingOptions.DEFAULT_SPECIAL_TOKENS,
                lowercase));
  }

  private List<Long> thresholds() {
    List<Long> thresholds = new ArrayList<>();
    for (String value : prune.split("[,\\s]+")) {
      if (!value.isBlank()) {
        try {
          thresholds.add(Long.parseLong(value));
        } catch (NumberFormatException e) {
          throw ApiException.badRequest("prune must be whole numbers separated by commas");
        }
      }
    }
    return thresholds;
  }

  public void stop(long id) {
    act(() -> trainingService.stop(id), "Stopping job " + id);
  }

  public void restart(long id) {
    act(() -> trainingService.restart(id), "Restarted job " + id);
  }

  private void start(Supplier<TrainingRequest> request) {
    act(
        () -> trainingService.start(request.get()),
        "Started training; its progress shows below, and it goes on if you leave the page");
  }

  /** The figures of a finished job, in one line. */
  public String summary(TrainingStatus job) {
    if (job.result() == null) {
      return "";
    }
    if (job.kind().equals(JobKind.NGRAM.id())) {
      return ngramSummary(NgramResult.of(job.result()));
    }
    return job.kind().equals(JobKind.BPE.id()) ? bpeSummary(BpeResult.of(job.result())) : "";
  }

  private static String ngramSummary(NgramResult result) {
    String ngrams =
        result.ngrams().stream()
            .map(n -> String.format("%,d", n))
            .reduce((a, b) -> a + " / " + b)
            .orElse("");
    String perplexity =
        result.heldout() == null
            ? ""
            : String.format("held-out perplexity %.1f · ", result.heldout().perplexity());
    return perplexity
        + "n-grams "
        + ngrams
        + " · "
        + String.format("%.1f MB", result.memoryBytes() / 1048576.0);
  }

  private static String bpeSummary(BpeResult result) {
    return String.format("vocabulary %,d · %,d merges", result.vocabularySize(), result.merges());
  }

  private void act(Runnable action, String success) {
    PageActions.perform(action, success, "jobPoll");
    refresh();
  }

  public boolean isAnyActive() {
    return jobs.stream().anyMatch(TrainingPage::isActive);
  }

  public static boolean isActive(TrainingStatus job) {
    return switch (job.state()) {
      case "starting", "running", "stopping" -> true;
      default -> false;
    };
  }

  public List<TrainingStatus> getJobs() {
    return jobs;
  }

  public List<DatasetJson> getDatasets() {
    return datasets;
  }

  public List<Long> getSelectedDatasets() {
    return selectedDatasets;
  }

  public void setSelectedDatasets(List<Long> selectedDatasets) {
    this.selectedDatasets = selectedDatasets == null ? new ArrayList<>() : selectedDatasets;
  }

  public int getOrder() {
    return order;
  }

  public void setOrder(int order) {
    this.order = order;
  }

  public boolean isLowercase() {
    return lowercase;
  }

  public void setLowercase(boolean lowercase) {
    this.lowercase = lowercase;
  }

  public double getHeldoutPercent() {
    return heldoutPercent;
  }

  public void setHeldoutPercent(double heldoutPercent) {
    this.heldoutPercent = heldoutPercent;
  }

  public String getPrune() {
    return prune;
  }

  public void setPrune(String prune) {
    this.prune = prune == null ? "" : prune;
  }

  public int getVocabularySize() {
    return vocabularySize;
  }

  public void setVocabularySize(int vocabularySize) {
    this.vocabularySize = vocabularySize;
  }

  public int getMinFrequency() {
    return minFrequency;
  }

  public void setMinFrequency(int minFrequency) {
    this.minFrequency = minFrequency;
  }
}
