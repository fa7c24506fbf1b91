package ai.fromscratch.dataset;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Browsing and removing datasets: what the Data page and {@code /api/datasets} do. */
@ApplicationScoped
public class DatasetService {
  public static final int MAX_PAGE = 500;

  @Inject DatasetStore store;
  @Inject DataDirectory dataDirectory;
  @Inject Event<DatasetDeleted> deleted;

  public List<DatasetJson> list() {
    return store.listReady().stream().map(DatasetJson::of).toList();
  }

  public DatasetJson get(long id) {
    return DatasetJson.of(dataset(id));
  }

  public RecordPage records(long id, long offset, int limit) {
    Dataset dataset = dataset(id);
    List<RecordJson> records =
        store.records(id, offset, limit).stream().map(RecordJson::of).toList();
    return new RecordPage(id, offset, limit, dataset.getRecords(), records);
  }

  /** The turns of a dataset's records after {@code afterOrdinal}, in order, for training. */
  public List<RecordTurns> turnsAfter(long id, long afterOrdinal, int limit) {
    return store.recordsAfter(id, afterOrdinal, limit).stream()
        .map(r -> new RecordTurns(id, r.getOrdinal(), TurnsJson.read(r.getTurns())))
        .toList();
  }

  /** The records of a dataset after {@code afterOrdinal} as they were written, for exports. */
  public List<OriginalRecord> originalsAfter(long id, long afterOrdinal, int limit) {
    return store.recordsAfter(id, afterOrdinal, limit).stream()
        .map(r -> new OriginalRecord(r.getOrdinal(), r.getOriginal()))
        .toList();
  }

  /** A record as it was written in its file. */
  public record OriginalRecord(long ordinal, String original) {}

  /** Deletes a dataset, its records and its original file. */
  public void delete(long id) {
    Dataset dataset = dataset(id);
    store.delete(id);
    deleted.fire(new DatasetDeleted(id));
    if (dataset.getStoredFile() != null) {
      try {
        Files.deleteIfExists(dataDirectory.uploads().resolve(dataset.getStoredFile()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete the file of dataset " + id, e);
      }
    }
  }

  private Dataset dataset(long id) {
    return store.find(id).orElseThrow(() -> ApiException.notFound("No dataset " + id));
  }
}
