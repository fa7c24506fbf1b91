package ai.fromscratch.training;

import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.retrieval.Passage;
import ai.fromscratch.retrieval.PassageIndexer;
import ai.fromscratch.retrieval.PassageStore;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds a chunk's passages and adds them to the live index; its checkpoint commits the index, so
 * what a restart skips is in the index. Passage ids are stable: a chunk written twice replaces
 * itself.
 */
@Named
@Dependent
public class PassageIndexWriter extends AbstractItemWriter {
  @Inject TrainingContext training;
  @Inject TrainingJobStore jobs;
  @Inject PassageStore store;
  @Inject DatasetService datasets;

  private PassageIndexer indexer;
  private long records;
  private long total;

  @Override
  public void open(Serializable checkpoint) {
    indexer = new PassageIndexer(store.embedder(), store.index());
    records = checkpoint == null ? 0 : (Long) checkpoint;
    total = training.datasetIds().stream().mapToLong(id -> datasets.get(id).records()).sum();
    jobs.progress(training.jobId(), records, total);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void writeItems(List<Object> items) {
    List<Passage> passages = new ArrayList<>();
    items.forEach(item -> passages.addAll((List<Passage>) item));
    if (!passages.isEmpty()) {
      indexer.add(passages);
    }
    records += items.size();
    jobs.progress(training.jobId(), records, Math.max(records, total));
  }

  @Override
  public Serializable checkpointInfo() {
    store.index().commit();
    return records;
  }
}
