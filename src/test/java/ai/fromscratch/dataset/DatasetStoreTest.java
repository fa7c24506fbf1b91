package ai.fromscratch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.JpaDatabase;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An import and a restore's removal of partial imports race for the same row, on a real Derby. */
class DatasetStoreTest {
  private static JpaDatabase db;

  @BeforeAll
  static void database() {
    db = JpaDatabase.inMemory("datasets");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void anImportFinishingAfterItsPartialRowWasDroppedIsToldSoAndRecreatesNothing() {
    long id = call(store -> store.createImporting("faq.jsonl", "upload", "a".repeat(64), 10, null));
    call(store -> store.delete(id));

    Optional<Dataset> ready = call(store -> markReady(store, id));

    assertTrue(ready.isEmpty());
    assertTrue(call(store -> store.find(id)).isEmpty());
  }

  @Test
  void anImportThatFinishesMakesItsDatasetVisibleWithItsFigures() {
    long id = call(store -> store.createImporting("faq.jsonl", "upload", "b".repeat(64), 10, null));
    assertTrue(call(store -> store.find(id)).isEmpty());

    Dataset ready = call(store -> markReady(store, id)).orElseThrow();

    assertEquals(DatasetStatus.READY, ready.getStatus());
    assertEquals("jsonl", ready.getFormat());
    assertEquals(3, call(store -> store.find(id)).orElseThrow().getRecords());
    assertTrue(call(store -> markReady(store, id)).isEmpty(), "a dataset is made ready once");
  }

  private static Optional<Dataset> markReady(DatasetStore store, long id) {
    return store.markReady(id, SourceFormat.JSONL, "{}", 3, 0, 12, id + "-faq.jsonl");
  }

  private static <T> T call(Function<DatasetStore, T> method) {
    return db.inTransaction(em -> method.apply(store(em)));
  }

  private static DatasetStore store(EntityManager em) {
    DatasetStore store = new DatasetStore();
    store.em = em;
    return store;
  }
}
