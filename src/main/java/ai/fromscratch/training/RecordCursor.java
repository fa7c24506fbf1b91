package ai.fromscratch.training;

import java.io.Serializable;

/**
 * The reader's checkpoint: which dataset of the job's list it is in, the last record it handed out
 * there, and how many records it handed out in all.
 */
record RecordCursor(int datasetIndex, long lastOrdinal, long read) implements Serializable {
  static final RecordCursor START = new RecordCursor(0, 0, 0);

  RecordCursor after(long ordinal) {
    return new RecordCursor(datasetIndex, ordinal, read + 1);
  }

  RecordCursor nextDataset() {
    return new RecordCursor(datasetIndex + 1, 0, read);
  }
}
