package ai.fromscratch.training;

import ai.fromscratch.retrieval.PassageStore;
import ai.fromscratch.retrieval.RetrievalService;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * Once the index step has completed: merges the index into one segment and records the job's
 * datasets as fully indexed.
 */
@Named
@Dependent
public class IndexDoneBatchlet extends AbstractBatchlet {
  private static final Logger LOG = Logger.getLogger(IndexDoneBatchlet.class.getName());

  @Inject TrainingContext training;
  @Inject RetrievalService retrieval;
  @Inject PassageStore store;

  @Override
  public String process() {
    if (training.indexes()) {
      // The index step commits at every checkpoint and leaves about ten segments on Brown: each
      // search then walks ten HNSW graphs, which took chats' retrieval twice the time of one.
      long started = System.nanoTime();
      store.index().mergeToOneSegment();
      LOG.info(
          () ->
              String.format(
                  "Training job %d merged the index into one segment in %.1f s",
                  training.jobId(), (System.nanoTime() - started) / 1e9));
      training.datasetIds().forEach(retrieval::markIndexed);
    }
    return BatchStatus.COMPLETED.name();
  }
}
