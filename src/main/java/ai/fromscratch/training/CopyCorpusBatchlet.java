package ai.fromscratch.training;

import ai.fromscratch.copy.CopyCorpus;
import ai.fromscratch.copy.CopyCorpusFile;
import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.dataset.RecordCursor;
import ai.fromscratch.dataset.RecordPager;
import ai.fromscratch.dataset.RecordTurns;
import ai.fromscratch.engine.ChatFormat;
import ai.fromscratch.engine.HeapBudget;
import ai.fromscratch.engine.ModelStore;
import ai.fromscratch.platform.DataDirectory;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Builds the copy corpus of the model's training text (the records it was trained on, held-out ones
 * left out, with their case and spacing) and writes it beside the model file, so answers may copy
 * on any stretch of the owner's data. Its suffix array takes 8 bytes a token; a corpus that would
 * not fit the heap now is skipped, saying so: answers then copy from the passages alone.
 */
@Named
@Dependent
public class CopyCorpusBatchlet extends AbstractBatchlet {
  private static final Logger LOG = Logger.getLogger(CopyCorpusBatchlet.class.getName());

  /** Heap a token takes while the corpus is built (its arrays and the suffix sort's). */
  static final long BYTES_PER_TOKEN_BUILDING = 28;

  @Inject TrainingContext training;
  @Inject TrainingJobStore jobs;
  @Inject DatasetService datasets;
  @Inject DataDirectory dataDirectory;

  private final StopSignal stop = new StopSignal();

  @Override
  public String process() throws IOException {
    long jobId = training.jobId();
    NgramParameters parameters = training.ngramParameters();
    long tokens = parameters.datasets().stream().mapToLong(id -> datasets.get(id).tokens()).sum();
    long needed = tokens * BYTES_PER_TOKEN_BUILDING;
    long spare = HeapBudget.spareBytes();
    if (needed > spare) {
      LOG.warning(
          () ->
              String.format(
                  "Training job %d: no copy corpus of its %,d tokens (it needs about %d MB, %d MB"
                      + " are free); answers copy from the passages alone",
                  jobId, tokens, needed >> 20, spare >> 20));
      return BatchStatus.COMPLETED.name();
    }
    double heldout = TrainingTextProcessor.heldoutFraction(parameters, datasets);
    long records = parameters.datasets().stream().mapToLong(id -> datasets.get(id).records()).sum();
    jobs.step(jobId, "copy", records);
    CopyCorpus.Builder builder = CopyCorpus.builderWithoutSources();
    RecordPager pager = new RecordPager(datasets, parameters.datasets(), RecordCursor.START);
    long read = 0;
    for (RecordTurns record = pager.next(); record != null; record = pager.next()) {
      stop.check();
      if (!TrainingTextProcessor.isHeldOut(record.datasetId(), record.ordinal(), heldout)) {
        ChatFormat.addDocument(builder, record.turns());
      }
      if (++read % 1000 == 0) {
        jobs.progress(jobId, read, records);
      }
    }
    CopyCorpusFile.save(copyFile(jobId), builder.build());
    jobs.progress(jobId, records, records);
    return BatchStatus.COMPLETED.name();
  }

  private Path copyFile(long jobId) {
    String model = NgramResult.of(jobs.find(jobId).orElseThrow().getResult()).modelFile();
    return ModelStore.copyCorpusFile(dataDirectory.models().resolve(model));
  }

  @Override
  public void stop() {
    stop.stop();
  }
}
