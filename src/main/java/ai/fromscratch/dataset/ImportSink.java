package ai.fromscratch.dataset;

import ai.fromscratch.lm.WordTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores parsed records in batches as they arrive and keeps the figures of the import: records per
 * schema, tokens, and the rejections (all counted, the first hundred kept with their reasons).
 */
final class ImportSink implements RecordSink {
  static final int KEPT_REJECTIONS = 100;
  private static final int BATCH = 500;

  private final long datasetId;
  private final DatasetStore store;
  private final long maxRecords;
  private final WordTokenizer tokenizer = new WordTokenizer(false);
  private final List<DatasetRecord> batch = new ArrayList<>(BATCH);
  private final Map<String, Long> schemas = new TreeMap<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private long accepted;
  private long rejected;
  private long tokens;

  ImportSink(long datasetId, DatasetStore store, long maxRecords) {
    this.datasetId = datasetId;
    this.store = store;
    this.maxRecords = maxRecords;
  }

  @Override
  public void accept(ParsedRecord record) {
    if (accepted == maxRecords) {
      throw UploadRefusedException.tooLarge(
          "the file holds more than "
              + String.format("%,d", maxRecords)
              + " records (MAX_RECORDS)");
    }
    accepted++;
    int count = record.turns().stream().mapToInt(t -> tokenizer.tokenize(t.text()).size()).sum();
    tokens += count;
    schemas.merge(record.schema().id(), 1L, Long::sum);
    batch.add(
        new DatasetRecord(
            datasetId,
            accepted,
            record.location(),
            record.schema().id(),
            TurnsJson.write(record.turns()),
            record.original(),
            count));
    if (batch.size() == BATCH) {
      flush();
    }
  }

  @Override
  public void reject(Rejection rejection) {
    rejected++;
    if (rejections.size() < KEPT_REJECTIONS) {
      rejections.add(rejection);
    }
  }

  void flush() {
    if (!batch.isEmpty()) {
      store.insert(batch);
      batch.clear();
    }
  }

  long accepted() {
    return accepted;
  }

  long rejected() {
    return rejected;
  }

  long tokens() {
    return tokens;
  }

  Map<String, Long> schemas() {
    return schemas;
  }

  List<Rejection> rejections() {
    return rejections;
  }
}
