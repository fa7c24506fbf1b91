package ai.fromscratch.dataset;

import java.io.Serializable;

/**
 * Where a long read of several datasets' records stands, as a batch checkpoint: which dataset of
 * the list it is in, the last record handed out there, and how many records were handed out.
 */
public record RecordCursor(int datasetIndex, long lastOrdinal, long read) implements Serializable {
  public static final RecordCursor START = new RecordCursor(0, 0, 0);

  RecordCursor after(long ordinal) {
    return new RecordCursor(datasetIndex, ordinal, read + 1);
  }

  RecordCursor nextDataset() {
    return new RecordCursor(datasetIndex + 1, 0, read);
  }
}
