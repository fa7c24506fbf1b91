package ai.fromscratch.training;

import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.dataset.RecordCursor;
import ai.fromscratch.dataset.RecordPager;
import ai.fromscratch.retrieval.PassageStore;
import ai.fromscratch.retrieval.RetrievalService;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of the job's datasets that the index lacks (for the current embedding model),
 * checkpointing where it stands; datasets already indexed are skipped, so retraining is not
 * re-indexing.
 */
@Named
@Dependent
public class PassageRecordReader extends AbstractItemReader {
  @Inject TrainingContext training;
  @Inject DatasetService datasets;
  @Inject RetrievalService retrieval;
  @Inject PassageStore store;

  private List<Long> plan;
  private RecordPager pager;

  @Override
  public void open(Serializable checkpoint) {
    if (checkpoint == null) {
      plan =
          training.indexes()
              ? new ArrayList<>(retrieval.needIndexing(training.datasetIds()))
              : List.of();
      // Whatever an interrupted run left of these datasets goes: their passages come back whole.
      plan.forEach(store.index()::deleteDataset);
      store.index().commit();
      pager = new RecordPager(datasets, plan, RecordCursor.START);
    } else {
      IndexCursor resumed = (IndexCursor) checkpoint;
      plan = resumed.datasets();
      pager = new RecordPager(datasets, plan, resumed.records());
    }
  }

  @Override
  public Object readItem() {
    return pager.next();
  }

  @Override
  public Serializable checkpointInfo() {
    return new IndexCursor(plan, pager.cursor());
  }
}
