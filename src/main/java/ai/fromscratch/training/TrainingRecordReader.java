package ai.fromscratch.training;

import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.dataset.RecordCursor;
import ai.fromscratch.dataset.RecordPager;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.logging.Logger;

/**
 * Reads the records of the job's datasets in order and checkpoints where it is, so a restarted job
 * goes on after the last committed chunk.
 */
@Named
@Dependent
public class TrainingRecordReader extends AbstractItemReader {
  private static final Logger LOG = Logger.getLogger(TrainingRecordReader.class.getName());

  @Inject TrainingContext training;
  @Inject DatasetService datasets;

  private RecordPager pager;

  @Override
  public void open(Serializable checkpoint) {
    RecordCursor start = checkpoint == null ? RecordCursor.START : (RecordCursor) checkpoint;
    pager = new RecordPager(datasets, training.datasetIds(), start);
    if (checkpoint != null) {
      LOG.info(
          () ->
              "Training job "
                  + training.jobId()
                  + " resumes from its checkpoint after "
                  + start.read()
                  + " records");
    }
  }

  @Override
  public Object readItem() {
    return pager.next();
  }

  @Override
  public Serializable checkpointInfo() {
    return pager.cursor();
  }
}
