package ai.fromscratch.training;

import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.dataset.RecordTurns;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reads the records of the job's datasets in order, a page at a time by record number, and
 * checkpoints where it is, so a restarted job goes on after the last committed chunk.
 */
@Named
@Dependent
public class TrainingRecordReader extends AbstractItemReader {
  private static final int PAGE = 200;
  private static final Logger LOG = Logger.getLogger(TrainingRecordReader.class.getName());

  @Inject TrainingContext training;
  @Inject DatasetService datasets;

  private List<Long> datasetIds;
  private RecordCursor cursor;
  private final Deque<RecordTurns> page = new ArrayDeque<>();

  @Override
  public void open(Serializable checkpoint) {
    datasetIds = training.ngramParameters().datasets();
    cursor = checkpoint == null ? RecordCursor.START : (RecordCursor) checkpoint;
    if (checkpoint != null) {
      LOG.info(
          () ->
              "Training job "
                  + training.jobId()
                  + " resumes from its checkpoint after "
                  + cursor.read()
                  + " records");
    }
  }

  @Override
  public Object readItem() {
    while (page.isEmpty() && cursor.datasetIndex() < datasetIds.size()) {
      List<RecordTurns> next =
          datasets.turnsAfter(datasetIds.get(cursor.datasetIndex()), cursor.lastOrdinal(), PAGE);
      if (next.isEmpty()) {
        cursor = cursor.nextDataset();
      } else {
        page.addAll(next);
      }
    }
    RecordTurns record = page.poll();
    if (record != null) {
      cursor = cursor.after(record.ordinal());
    }
    return record;
  }

  @Override
  public Serializable checkpointInfo() {
    return cursor;
  }
}
