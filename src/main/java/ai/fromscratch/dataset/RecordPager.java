package ai.fromscratch.dataset;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads the records of a list of datasets in order, a page at a time by record number, from a
 * cursor and keeping it up to date: what a batch reader needs to resume after its checkpoint.
 */
public final class RecordPager {
  private static final int PAGE = 200;

  private final DatasetService datasets;
  private final List<Long> datasetIds;
  private final Deque<RecordTurns> page = new ArrayDeque<>();
  private RecordCursor cursor;

  public RecordPager(DatasetService datasets, List<Long> datasetIds, RecordCursor start) {
    this.datasets = datasets;
    this.datasetIds = List.copyOf(datasetIds);
    this.cursor = start;
  }

  /** The next record, or null after the last one. */
  public RecordTurns next() {
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

  /** Where the pager stands: just after the last record it handed out. */
  public RecordCursor cursor() {
    return cursor;
  }
}
