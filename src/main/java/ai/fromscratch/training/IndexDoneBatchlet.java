package ai.fromscratch.training;

import ai.fromscratch.retrieval.RetrievalService;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Once the index step has completed: merges the index into one segment and records the job's
 * datasets as fully indexed.
 */
@Named
@Dependent
public class IndexDoneBatchlet extends AbstractBatchlet {
  @Inject TrainingContext training;
  @Inject RetrievalService retrieval;

  @Override
  public String process() {
    if (training.indexes()) {
      retrieval.mergeIndex();
      training.datasetIds().forEach(retrieval::markIndexed);
    }
    return BatchStatus.COMPLETED.name();
  }
}
